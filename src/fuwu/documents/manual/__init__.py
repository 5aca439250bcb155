"""The service manual (SB/T 10382-2004, 4.6.3), generated from live data.

Every app contributes its sections from its own `manual.py` with `@manual_section`
(fuwu.core.manual: the blocks and the registry live in core, so contributing a section
does not import this app); `build_manual()` assembles them in one language, and the renderers
draw the result as PDF (typst), Word (python-docx) or HTML. The documents app's own
sections are in sections.py, imported here so that discovering `fuwu.documents.manual`
registers them like any other app's.
"""

from . import sections  # noqa: F401  (the documents app's own sections)
