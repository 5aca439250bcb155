"""Fonts of Word documents that mix Latin and Chinese text (python-docx).

Word picks the font of each character by script: `w:ascii`/`w:hAnsi` for Latin,
`w:eastAsia` for Chinese. A style that names only one renders Chinese in a
fallback font on some machines, so every generated document (conformity report,
service manual, specification sheet) sets both, and the language, the same way.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

BODY_FONTS = ("Calibri", "SimSun")
HEADING_FONTS = ("Arial", "SimHei")


def set_fonts(style: BaseStyle, latin: str, east_asian: str, language: str) -> None:
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    # A theme font would override the names above.
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN" if language.startswith("zh") else "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")
