"""The blocks moved to fuwu.core.render.blocks (every generated file uses them, ADR 0021);
this name stays for code written before the move. New code imports fuwu.core.render."""

from ..render.blocks import *  # noqa: F403
