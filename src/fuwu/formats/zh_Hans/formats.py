"""Chinese uses the same ISO-like formats as English (fuwu/formats/en/formats.py says why)."""

from fuwu.formats.en.formats import *  # noqa: F403
