from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dutyroom.domain.retention import to_keep

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_keeps_the_newest_of_each_of_seven_days_and_four_weeks():
    start = datetime(2026, 9, 1, 0, 0, tzinfo=UTC)
    stamps = [start + timedelta(hours=8 * n) for n in range(3 * 60)]  # 60 days, 3 a day
    keep = to_keep(stamps, SHANGHAI)
    days = {t.astimezone(SHANGHAI).date() for t in keep}
    assert max(stamps) in keep
    assert len(keep) <= 7 + 4 and len({t.astimezone(SHANGHAI).isocalendar()[:2] for t in keep}) == 4
    newest_days = sorted({t.astimezone(SHANGHAI).date() for t in stamps})[-7:]
    assert set(newest_days) <= days
    for day in newest_days:  # the last copy of each of those days
        assert max(t for t in stamps if t.astimezone(SHANGHAI).date() == day) in keep


def test_days_are_local_and_few_stamps_are_all_kept():
    late = datetime(2026, 9, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    after_midnight = late + timedelta(hours=1)  # 00:30 the next local day
    assert to_keep([late, after_midnight], SHANGHAI) == {late, after_midnight}
    assert to_keep([], SHANGHAI) == set()
