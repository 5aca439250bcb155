"""Document text is Markdown rendered and sanitized: nothing a writer types can run
script in a reader's browser."""

from __future__ import annotations

import pytest

from fuwu.core.markdown import render

from .conftest import make_document

ATTACKS = [
    "<script>alert('x')</script>",
    "[click](javascript:alert('x'))",
    '<a href="javascript:alert(1)">click</a>',
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    '<p onclick="alert(1)">hi</p>',
    "<style>body{display:none}</style>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_are_stripped(text):
    html = str(render(text))
    lowered = html.lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "onload", "<iframe", "<style"):
        assert bad not in lowered, html
    assert "data:text" not in lowered
    assert "alert('x')</script>" not in html


def test_the_sensible_tags_survive():
    html = str(
        render(
            "# Title\n\n## Section\n\n- one\n- two\n\n1. first\n\n"
            "**bold** *em* `code` ~~x~~\n\n> quote\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "[Fuwu](https://example.com/docs)\n\n```\nblock\n```\n"
        )
    )
    for tag in ("<h1>", "<h2>", "<ul>", "<ol>", "<li>", "<strong>", "<em>", "<code>"):
        assert tag in html, tag
    assert "<blockquote>" in html and "<table>" in html and "<td>1</td>" in html
    assert "<pre>" in html
    assert 'href="https://example.com/docs"' in html
    assert 'rel="noopener noreferrer"' in html


def test_empty_text_renders_nothing():
    assert render("") == "" and render("   ") == ""


def test_chinese_text_renders():
    assert "<h1>服务方针</h1>" in str(render("# 服务方针"))


@pytest.mark.django_db
def test_the_document_page_shows_sanitized_text(world):
    document = make_document(
        world,
        body_en="# Safe\n\n<script>alert('pwned')</script>\n\n[x](javascript:alert(1))",
        body_zh="<img src=x onerror=alert(1)>中文",
    )
    html = world.client("auditor").get(f"/documents/{document.pk}/").content.decode()
    assert "<h1>Safe</h1>" in html
    assert "alert('pwned')" not in html and "javascript:alert" not in html
    assert "onerror" not in html and "中文" in html
