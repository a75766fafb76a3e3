"""Attachment rules without a database: names made safe, size limits, PDF recognition and
the subtypes a plan may cover."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain import attachments as rules
from dutyroom.domain.errors import FieldError


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../x", "x"),
    ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
    ("/etc/passwd", "passwd"),
    ("来文 2026-07-01.pdf", "来文 2026-07-01.pdf"),
    ("..", rules.FALLBACK_NAME),
    ("", rules.FALLBACK_NAME),
    ("   ", rules.FALLBACK_NAME),
    ("a\x00b\nc.jpg", "abc.jpg"),
    ("传真<急>.tif", "传真_急_.tif"),
    ("\u202eexe.pdf", "exe.pdf"),  # a right-to-left override cannot disguise a name
])
def test_hostile_names_become_plain_file_names(raw, expected):
    assert rules.clean_name(raw) == expected


def test_a_huge_name_is_cut_but_keeps_its_extension():
    name = rules.clean_name("扫" * 5000 + ".pdf")
    assert len(name) == rules.MAX_NAME and name.endswith(".pdf")
    assert len(rules.clean_name("x" * 5000)) == rules.MAX_NAME


@given(st.text(max_size=400))
def test_any_name_is_safe_short_and_not_empty(raw):
    name = rules.clean_name(raw)
    assert name and len(name) <= rules.MAX_NAME
    assert not any(c in name for c in '/\\:*?"<>|\x00')
    assert name not in (".", "..") and not name.startswith(".")


def test_sizes_zero_and_over_the_limit_are_refused_at_the_limit_kept():
    limit = 20
    rules.check_size("a.pdf", 1, limit)
    rules.check_size("a.pdf", limit * 1024 * 1024, limit)
    with pytest.raises(FieldError, match="空文件"):
        rules.check_size("a.pdf", 0, limit)
    with pytest.raises(FieldError) as caught:
        rules.check_size("a.pdf", limit * 1024 * 1024 + 1, limit)
    assert "超过每个附件 20 MB 的上限" in caught.value.message
    assert caught.value.field == "file"


def test_readable_sizes():
    assert rules.readable_size(812) == "812 B"
    assert rules.readable_size(36045) == "35.2 KB"
    assert rules.readable_size(5 * 1024 * 1024) == "5.0 MB"


def test_a_pdf_is_known_by_its_bytes_not_its_name():
    assert rules.media_type("scan.jpg", b"%PDF-1.7\n") == "application/pdf"
    assert rules.media_type("scan.pdf", b"\x89PNG") == "application/pdf"  # by name, no claim
    assert rules.media_type("photo.jpg", b"\xff\xd8") == "image/jpeg"
    assert rules.media_type("noextension", b"") == "application/octet-stream"
    with pytest.raises(FieldError, match="不是 PDF"):
        rules.check_plan_file("plan.pdf", b"PK\x03\x04")
    rules.check_plan_file("plan.pdf", b"\n%PDF-1.4")


def test_plan_subtypes_known_once_and_at_least_one():
    known = ("山洪", "火灾", "溺水")
    assert rules.plan_subtypes("山洪、火灾，山洪", known) == ("山洪", "火灾")
    assert rules.plan_subtypes(["溺水"], known) == ("溺水",)
    with pytest.raises(FieldError, match="不是已知的事件子类"):
        rules.plan_subtypes("山洪、买烟", known)
    with pytest.raises(FieldError, match="至少要关联"):
        rules.plan_subtypes(" ", known)


def test_a_removal_needs_a_reason():
    assert rules.check_reason("  传错了   文件 ") == "传错了 文件"
    with pytest.raises(FieldError):
        rules.check_reason("   ")
    with pytest.raises(FieldError):
        rules.check_reason("x" * 201)


@pytest.mark.parametrize("name", ["现场照片.jpg.exe", "照片.lnk", "处置.bat", "说明.hta", "链接.url",
                                  "a.scr", "b.js", "c.vbs", "d.cmd", "e.ps1", "f.msi", "g.docm",
                                  "h.zip", "exe", ".pdf", "无扩展名"])
def test_only_documents_pictures_and_recordings_are_viewable(name):
    """On Windows, opening 现场照片.jpg.exe runs it; only the last extension counts."""
    assert not rules.viewable(name)


@pytest.mark.parametrize("name", ["来文.PDF", "现场照片.jpg", "传真.tif", "通知.docx", "报表.xlsx",
                                  "录音.amr", "视频.mp4", "公文.ofd", "a.exe.pdf"])
def test_documents_are_viewable_whatever_their_case(name):
    assert rules.viewable(name)
