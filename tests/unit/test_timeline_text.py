"""处理经过 shows seconds only where two steps share a minute."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.local_time import timeline_text

Z = ZoneInfo("Asia/Shanghai")
BASE = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


def test_two_steps_in_one_minute_show_their_seconds():
    moments = [BASE + timedelta(seconds=s) for s in (5, 40, 95)]
    assert timeline_text(moments, Z) == ["2026-07-01 10:00:05", "2026-07-01 10:00:40",
                                         "2026-07-01 10:01"]


@given(st.lists(st.integers(min_value=0, max_value=600), max_size=12))
def test_seconds_appear_exactly_where_a_minute_is_shared(offsets):
    moments = [BASE + timedelta(seconds=s) for s in sorted(offsets)]
    shown = timeline_text(moments, Z)
    for moment, text in zip(moments, shown, strict=True):
        local = moment.astimezone(Z)
        shares = sum(1 for m in moments if m.astimezone(Z).replace(second=0) ==
                     local.replace(second=0)) > 1
        assert text == local.strftime("%Y-%m-%d %H:%M:%S" if shares else "%Y-%m-%d %H:%M")
