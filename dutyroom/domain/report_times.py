"""Report times that cannot certify themselves.

Officers log a report after the call, so the time a report says it was sent is a claim,
kept as typed. The moment it was recorded is a fact. A claimed time long before the
recording (more than the desk's margin, default 30 minutes) could make any late report look
on time, so such a report is a 补录 (late entry): it needs a reason and is always shown with
both times. Likewise a received time changed after a report exists moves every deadline the
report was measured against, so that change needs a reason and is shown with both times.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from dutyroom.domain.local_time import minute_text
from dutyroom.domain.text import sentence

LATE_ENTRY = "补录"


def is_late_entry(sent_at: datetime, recorded_at: datetime, margin_minutes: int) -> bool:
    """Whether a report was recorded more than the margin after the time it claims."""
    return recorded_at - sent_at > timedelta(minutes=margin_minutes)


def late_entry_text(sent_at: datetime, recorded_at: datetime, reason: str, zone: tzinfo) -> str:
    """How a 补录 reads wherever the report is shown: both times and the reason."""
    return sentence("补录：报送 {0}，登记 {1}{2}", minute_text(sent_at, zone), minute_text(recorded_at, zone),
                    sentence("，原因：{0}", reason) if reason else "")


def received_change_text(before: datetime, after: datetime, zone: tzinfo) -> str:
    """A received time changed after a report existed, shown with both times."""
    return sentence("接报时间在报送后更正：原 {0}，改为 {1}", minute_text(before, zone),
                    minute_text(after, zone))
