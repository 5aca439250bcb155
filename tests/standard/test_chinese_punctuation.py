# ruff: noqa: RUF001, RUF002 - the Chinese texts use full-width punctuation, as Chinese does
"""Chinese composed strings use Chinese punctuation: a clause number in （）, a label and its
value joined by ：, items joined by 、 — in the service manual (text and Word figure caption)."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from docx import Document as Docx

from fuwu.core.render.blocks import blocks_text
from fuwu.documents import services as documents_services
from fuwu.documents.manual import files
from fuwu.documents.manual.build import build_manual
from fuwu.standard.reports import conformity_report
from tests.documents.conftest import make_document, open_version
from tests.documents.manual_support import furnish

pytestmark = pytest.mark.django_db

CJK = "\u4e00-\u9fff"
# Chinese followed by an ASCII "(" or ":", or an ASCII ")" followed by Chinese.
ASCII_IN_CHINESE = re.compile(rf"[{CJK}]\s?[(:]|\)\s?[{CJK}]")


@pytest.fixture
def scene(world):
    return furnish(world)


def test_the_chinese_manual_composes_with_chinese_punctuation(scene):
    data = build_manual(scene.org, language="zh-hans")
    text = "\n".join(f"{s.title}\n{blocks_text(s.blocks)}" for s in data.sections)
    assert not ASCII_IN_CHINESE.findall(text), [
        text[max(m.start() - 20, 0) : m.end() + 20] for m in ASCII_IN_CHINESE.finditer(text)
    ]
    assert "服务管理职责（4.2）" in text and "服务实现（4.4）" in text
    assert "服务提供前（4.4.1 a）" in text  # the service design section's stages
    english = build_manual(scene.org, language="en")
    text = "\n".join(blocks_text(s.blocks) for s in english.sections)
    assert "Service management responsibility (4.2)" in text
    assert "Before service provision (4.4.1 a)" in text


def faults(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if ASCII_IN_CHINESE.search(p)]


def test_the_chinese_word_manual_captions_and_labels_with_chinese_colons(scene):
    content = files.manual_file(
        scene.org, fmt="docx", language="zh-hans", prepared_by=scene.users["quality"]
    ).content
    paragraphs = Docx(BytesIO(content)).paragraphs
    captions = [p.text for p in paragraphs if p.style.name == "Caption"]
    assert captions and all(re.match(r"^图 ?1：\S", c) for c in captions), captions
    assert any(re.match(r"^版本：\S", p.text) for p in paragraphs)  # the title page
    assert not faults([p.text for p in paragraphs])


def test_the_chinese_word_conformity_report_labels_with_chinese_colons(scene):
    content = conformity_report(organization=scene.org, fmt="docx", language="zh-hans").content
    paragraphs = [p.text for p in Docx(BytesIO(content)).paragraphs]
    assert any(p.startswith("总体符合率：") for p in paragraphs), paragraphs[:8]
    assert not faults(paragraphs)
    english = conformity_report(organization=scene.org, fmt="docx", language="en").content
    assert any(": " in p.text for p in Docx(BytesIO(english)).paragraphs[:6])


def test_a_refused_transition_is_explained_with_a_chinese_colon(world):
    document = make_document(world)
    version = open_version(document)
    documents_services.version_submit(actor=world.users["quality"], version=version)
    html = (
        world.client("quality")
        .get(f"/documents/{document.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .content.decode()
    )
    refused = re.search(r'data-testid="refused-approve">(.*?)</p>', html)
    assert refused, "the approval is refused to its own author"
    text = re.sub(r"<[^>]+>", "", refused.group(1))
    assert "：" in text and ": " not in text, text
