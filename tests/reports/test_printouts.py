"""The printouts read back: every font embedded, page numbers, headers repeated across page
breaks, long Chinese text kept whole, and the font chosen as the issue asks."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from importlib.resources import as_file, files
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from dutyroom.domain.deadlines import Deadline, DeadlineKind
from dutyroom.domain.handover import IncidentFact, ReportFact, ShiftFacts, assemble
from dutyroom.domain.incidents import Category, Level, Status
from dutyroom.domain.tiers import Tier
from dutyroom.reports import fonts
from dutyroom.reports.content import Duty, RotaDay, RotaSheet, WrittenReport
from dutyroom.reports.handover_pdf import handover_pdf
from dutyroom.reports.incident_pdf import incident_report_pdf
from dutyroom.reports.rota_pdf import month_grid_pdf, rota_list_pdf

Z = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def read(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def fonts_of(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font any page uses."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return sorted(found.items())


def shift(incidents: int, summary_title: str = "") -> ShiftFacts:
    start = at("2026-07-01T08:30")
    facts = tuple(
        IncidentFact(n, start + timedelta(minutes=20 * n), summary_title or f"第{n}起：青山河水位超警戒",
                     Category.NATURAL_DISASTER, Level.IV, Status.HANDLING,
                     (ReportFact("首报", "电话", start + timedelta(minutes=20 * n + 10), n % 7 == 0),),
                     (Deadline(DeadlineKind.WRITTEN_REPORT, start + timedelta(minutes=20 * n + 120)),),
                     ())
        for n in range(1, incidents + 1))
    return ShiftFacts("青山镇人民政府", "总值班室", date(2026, 7, 1), start, start + timedelta(days=1), Z,
                      start + timedelta(hours=23), {Tier.LEADER: ("王海涛",), Tier.OFFICER: ("胡斌",)},
                      ("邓洁",),
                      (), (), (), facts, (), ())


def test_a_handover_of_50_incidents_repeats_headers_and_numbers_pages():
    document = handover_pdf(assemble(shift(50), notes="汛期，" * 400), "2026-07-02 08:31")
    reader, pages = read(document.data)
    assert document.pages == len(pages) >= 3
    assert len(document.data) < 1_000_000
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert "打印时间：2026-07-02 08:31" in text
    # The incidents table runs over a page break: its header is printed again.
    carrying = [text for text in pages if "本班接报" in text]  # only the incidents table says it
    assert len(carrying) >= 2 and all("接报时间" in text for text in carrying)
    assert "交班人（签名）" in pages[-1] and "带班领导（签名）" in pages[-1]
    assert all(embedded for _, embedded in fonts_of(reader))


def test_every_font_is_an_embedded_subset_of_the_cjk_font():
    document = handover_pdf(assemble(shift(2)), "2026-07-02 08:31")
    reader, _ = read(document.data)
    used = fonts_of(reader)
    assert used and all(embedded and "+" in name for name, embedded in used)  # AAAAAA+ subset tag


def test_a_very_long_title_wraps_inside_its_cell():
    title = "青山镇东岭村三组后山因连续强降雨出现多处裂缝并伴有零星落石，" * 8
    document = handover_pdf(assemble(shift(1, title)), "2026-07-02 08:31")
    _, pages = read(document.data)
    text = "".join(pages).replace("\n", "")
    # All of it printed, nothing cut off: eight times in the incidents, eight in the open items.
    assert text.count("零星落石") == 16


def test_a_written_report_with_a_very_long_summary_runs_over_pages():
    body = "\n".join(["关于东岭村后山山体滑坡险情的信息报告（续报）", ""]
                     + [f"　　（{n}）" + "现场持续降雨，应急、自然资源等部门人员正在现场监测。" * 6
                        for n in range(1, 40)]
                     + ["", "　　青山镇人民政府总值班室", "　　2026年7月1日17时"])
    document = incident_report_pdf(WrittenReport("青山镇人民政府", "总值班室", "续报", body,
                                                 "2026-07-01 17:05", "县政府总值班室", "胡斌",
                                                 "0731-8888000"), "2026-07-01 17:06")
    _, pages = read(document.data)
    assert document.pages >= 2
    text = "".join(pages)
    assert "信 息 报 告" in pages[0] and "（39）" in text and "县政府总值班室" in pages[-1]


def sheet(days: int) -> RotaSheet:
    first = date(2026, 10, 1)
    rows = tuple(RotaDay(first + timedelta(days=n), "holiday" if n < 7 else "workday",
                         "国庆节" if n < 7 else "", (),
                         (Duty("带班领导", f"领导{n % 4}", "13907311000", "副镇长"),
                          Duty("值班员", f"值班员{n % 6}", "13907312000")),
                         ("主要领导",) if n < 7 else ())
                 for n in range(days))
    return RotaSheet("青山镇人民政府", "总值班室", "2026年10月", "0731-8888000", rows)


def test_the_month_grid_is_one_landscape_page_a_month():
    document = month_grid_pdf(sheet(31), "2026-09-20 10:00")
    reader, pages = read(document.data)
    assert document.pages == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height
    assert "2026年10月值班表" in pages[0] and "带班 领导1" in pages[0] and "主要 未排" in pages[0]


def test_the_holiday_list_has_mobiles_and_marks_gaps():
    document = rota_list_pdf(replace(sheet(7), title="2026年国庆节假期"), "2026-09-20 10:00")
    _, pages = read(document.data)
    assert "2026年国庆节假期值班表" in pages[0]
    assert "13907311000" in pages[0] and "未排" in pages[0] and "填报人（签名）" in pages[0]


@pytest.fixture
def bundled_copy(tmp_path):
    with as_file(files("dutyroom.resources") / "fonts" / fonts.BUNDLED) as path:
        yield path


@pytest.fixture(autouse=True)
def fresh_font_choice():
    """The choice is made once per process; these tests make it again in their folders."""
    yield
    fonts.cjk_font.cache_clear()


def test_a_system_fangsong_is_preferred(tmp_path, bundled_copy):
    (tmp_path / "Fonts").mkdir()
    shutil.copy(bundled_copy, tmp_path / "Fonts" / "simfang.ttf")
    (tmp_path / "Fonts" / "simsun.ttc").write_bytes(b"not a font")
    choice = fonts.cjk_font((tmp_path / "Fonts",))
    assert choice.label == "仿宋" and choice.path.endswith("simfang.ttf")


def test_a_broken_system_font_falls_back_to_the_bundled_one(tmp_path, bundled_copy):
    (tmp_path / "simsun.ttc").write_bytes(b"not a font")
    choice = fonts.cjk_font((tmp_path,))
    assert choice.path.endswith(fonts.BUNDLED)


def _after(text: str, heading: str) -> str:
    """The words printed under a numbered heading, up to the next one."""
    tail = text.split(heading, 1)[1]
    return re.split(r"[一二三四五六七八九十]+、", tail, maxsplit=1)[0].strip()


def test_a_blank_equipment_or_notes_field_is_printed_as_not_filled_in():
    """A signed record states nothing nobody entered: no 正常, no 无 for an empty field."""
    _, pages = read(handover_pdf(assemble(shift(1), equipment="", notes="  "), "2026-07-02 08:31").data)
    text = "".join(pages)
    assert _after(text, "设备和电话状态").startswith("（未填写）")
    assert _after(text, "其他交代事项").startswith("（未填写）")
    _, pages = read(handover_pdf(assemble(shift(1), equipment="传真机缺纸", notes="东岭村继续跟进"),
                                 "2026-07-02 08:31").data)
    text = "".join(pages)
    assert _after(text, "设备和电话状态").startswith("传真机缺纸")
    assert _after(text, "其他交代事项").startswith("东岭村继续跟进")
    assert "（未填写）" not in text
