"""The printed 值班工作月报 read back: its figures, its charts' text in the embedded font,
and a page count that grows with a long list of people rather than cutting it off."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from dutyroom.domain.statistics import ArrivalDue, PeriodFacts, ReportDue, SignInDue, compute
from dutyroom.reports.monthly_report_pdf import monthly_report_pdf

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 8, 1, 9, 0, tzinfo=Z)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def facts(people: int = 3) -> PeriodFacts:
    return PeriodFacts(
        date(2026, 7, 1), date(2026, 7, 31), NOW,
        reports=(ReportDue(1, "phone_report", "III", at("2026-07-01T10:30"), at("2026-07-01T10:20"), False),
                 ReportDue(1, "written_report", "III", at("2026-07-01T11:00"), at("2026-07-01T11:30"), False),
                 ReportDue(2, "phone_report", "IV", at("2026-07-02T10:30"), None, True)),
        arrivals=(ArrivalDue("青山消防救援站", at("2026-07-01T10:30"), at("2026-07-01T10:20")),),
        sign_ins=tuple(SignInDue(date(2026, 7, 1 + i % 28), f"值班员{i}", at("2026-07-01T08:45"), None)
                       for i in range(people)),
        duties=tuple(f"值班员{i}" for i in range(people)),
        incidents_by_month=(("2026-06", "事故灾难"), ("2026-07", "事故灾难"), ("2026-07", "自然灾害")))


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\n", "")


def test_the_month_in_figures_and_charts():
    stats = compute(facts())
    trend = compute(PeriodFacts(date(2025, 8, 1), date(2026, 7, 31), NOW, **{
        k: getattr(facts(), k) for k in ("reports", "arrivals", "incidents_by_month")}))
    document = monthly_report_pdf(stats, trend, "青山镇人民政府总值班室", "2026年7月", "2026-08-01 09:00")
    text = text_of(document.data)
    for words in ("值班工作月报", "2026年7月", "应报 3 次，按时 1 次，迟报 1 次", "漏报事件 1 起",
                  "青山消防救援站", "近十二个月事件数（按类别）", "近十二个月报送按时率（%）",
                  "各单位按时到场率（%）", "自然灾害", "25-08", "26-07", "制表人"):
        assert words in text, words
    fonts = {str(f.get("/BaseFont")) for page in PdfReader(io.BytesIO(document.data)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert all("DutyroomCJK" in f or "Helvetica" not in f for f in fonts)


def test_a_long_list_of_people_runs_onto_more_pages():
    short = monthly_report_pdf(compute(facts(3)), compute(facts(3)), "青山镇", "2026年7月", "")
    long = monthly_report_pdf(compute(facts(120)), compute(facts(120)), "青山镇", "2026年7月", "")
    assert long.pages > short.pages
    assert "值班员119" in text_of(long.data)


def test_the_warning_relay_section_reads_back():
    from dutyroom.domain.statistics import RelayGroup, RelayTally, warning_stats

    relay = warning_stats([("issue", "red", 1), ("update", "yellow", 1), ("cancel", "yellow", 1)],
                          [RelayGroup("red", "东村", RelayTally(3, 1, 1, 1, 0)),
                           RelayGroup("yellow", "西村", RelayTally(2, 2, 0, 0, 0))],
                          ("东村", "西村"), 2, 1)
    stats = compute(PeriodFacts(**{**facts().__dict__, "warnings": relay}))
    text = text_of(monthly_report_pdf(stats, stats, "青山镇", "2026年7月", "").data)
    text = text.replace(" ", "")  # lines wrap anywhere in Chinese text
    for words in ("四、预警叫应", "收到预警2条（红色1条、黄色1条），解除通知1条", "需逐人叫应2条",
                  "全部叫应到位1条", "应叫应5人次", "叫应完成率80.0%", "时限内叫应率60.0%", "东村",
                  "红色预警", "五、图表"):
        assert words in text, words
