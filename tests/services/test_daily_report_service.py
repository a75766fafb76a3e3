"""值班日报 through its services, on SQLite and PostgreSQL: the live draft, sending that
locks it and does the day's task, the printout and the text, and the days that have none."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from dutyroom.domain.daily_report import QUIET
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    alert_service,
    daily_report_service,
    incident_service,
    integrity_service,
    roster_calendar,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 10, 2)  # 国庆 holiday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("胡斌", "officer", "13907312002")):
        people[name] = staff_service.add_staff(backend.uow, {"name": name, "tier": tier,
                                                             "mobile": mobile}).value.id
    settings_service.save_settings(backend.uow, {"unit_name": "青山镇人民政府"})
    for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
        roster_service.assign(backend.uow, day, Tier.LEADER, people["王海涛"])
        roster_service.assign(backend.uow, day, Tier.OFFICER, people["胡斌"])
    shift_service.check_in(backend.uow, "leader", people["王海涛"], at=at("2026-10-02T08:20"))
    shift_service.check_in(backend.uow, "officer", people["胡斌"], at=at("2026-10-02T08:25"))
    return people


def paragraph(report, key):
    return next(p.text for p in report.paragraphs if p.key == key)


def test_a_quiet_day_reads_live_and_says_peace(backend, desk):
    view = daily_report_service.daily_view(backend.uow, DAY, at("2026-10-02T14:00"))
    assert not view.sent and view.task_done_at is None
    assert view.due == at("2026-10-02T15:00")
    assert view.report.quiet and paragraph(view.report, "summary") == QUIET
    assert "带班领导王海涛，值班员胡斌" in paragraph(view.report, "duty")
    # Something happens: the draft follows the day.
    incident_service.add_incident(backend.uow, {"received_at": "2026-10-02T14:10", "title": "石门村山体滑坡",
                                                "category": "natural_disaster"}, now=at("2026-10-02T14:11"))
    later = daily_report_service.daily_view(backend.uow, DAY, at("2026-10-02T14:20"))
    assert not later.report.quiet and "「石门村山体滑坡」" in paragraph(later.report, "incidents")


def test_sending_locks_the_wording_and_does_the_days_task(backend, desk):
    alerts = [a.kind for a in alert_service.alerts_at(backend.uow, at("2026-10-02T14:55"))]
    assert "daily_report" in alerts
    sent = daily_report_service.send(backend.uow, DAY, {"summary": "全天平稳，无突发事件。"},
                                     at=at("2026-10-02T14:50")).value
    assert sent.sent and paragraph(sent.report, "summary") == "全天平稳，无突发事件。"
    assert sent.report.sent_at == "2026-10-02 14:50" and sent.task_done_at == at("2026-10-02T14:50")
    later = alert_service.alerts_at(backend.uow, at("2026-10-02T14:55"))
    assert "daily_report" not in [a.kind for a in later]
    # What was sent stays, whatever happens later in the day.
    incident_service.add_incident(backend.uow, {"received_at": "2026-10-02T16:00", "title": "河堤管涌",
                                                "category": "natural_disaster"}, now=at("2026-10-02T16:01"))
    kept = daily_report_service.daily_view(backend.uow, DAY, at("2026-10-02T17:00"))
    assert kept.sent and kept.report == sent.report
    assert "河堤管涌" not in daily_report_service.daily_text(backend.uow, DAY, at("2026-10-02T17:00"))
    with pytest.raises(InputError, match="已报送并锁定"):
        daily_report_service.send(backend.uow, DAY, {}, at=at("2026-10-02T17:05"))
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_an_empty_paragraph_or_unknown_one_is_refused_and_nothing_saved(backend, desk):
    for texts in ({"summary": "  "}, {"weather": "晴"}):
        with pytest.raises(InputError):
            daily_report_service.send(backend.uow, DAY, texts, at=at("2026-10-02T14:50"))
    assert not daily_report_service.daily_view(backend.uow, DAY, at("2026-10-02T14:55")).sent


def test_days_with_no_report(backend, desk):
    with pytest.raises(InputError, match="值班尚未开始"):
        daily_report_service.daily_view(backend.uow, DAY + timedelta(days=1), at("2026-10-02T14:00"))
    with pytest.raises(InputError, match="没有排班"):
        daily_report_service.daily_view(backend.uow, date(2026, 9, 1), at("2026-10-02T14:00"))
    with pytest.raises(InputError, match="没有排班"):
        daily_report_service.send(backend.uow, date(2026, 9, 1), {}, at=at("2026-10-02T14:00"))


def test_sensitive_periods_and_the_flood_season_ask_for_a_daily_report(backend, desk):
    workday = date(2026, 10, 12)
    roster_service.assign(backend.uow, workday, Tier.OFFICER, desk["胡斌"])

    def asked() -> bool:
        return any(a.key == f"daily_report/{workday}"
                   for a in alert_service.alerts_at(backend.uow, at("2026-10-12T14:55")))

    assert not asked()
    roster_calendar.add_period(backend.uow, "党代会", "2026-10-11", "2026-10-13")
    assert asked()
    settings_service.save_settings(backend.uow, {"daily_report_periods": False})
    assert not asked()
    settings_service.save_settings(backend.uow, {"flood_season_start": "10-01", "flood_season_end": "10-15"})
    assert asked()
    with pytest.raises(InputError):
        settings_service.save_settings(backend.uow, {"flood_season_start": "", "flood_season_end": "10-15"})


def test_the_printout_and_the_text(backend, desk):
    document = daily_report_service.daily_document(backend.uow, DAY, at("2026-10-02T14:00"))
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document.data)).pages)
    assert document.pages == 1
    for words in ("值班日报", "青山镇人民政府总值班室", "2026年10月2日", "一、值班情况", QUIET, "签发"):
        assert words in text.replace("\n", ""), words
    plain = daily_report_service.daily_text(backend.uow, DAY, at("2026-10-02T14:00"))
    assert plain.splitlines()[0] == "青山镇人民政府值班日报" and QUIET in plain
