from fuwu.cli import main

raise SystemExit(main())
