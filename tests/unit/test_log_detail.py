"""The 值班日志's detail HTML (ui/log_detail.py), from plain values, without Qt."""

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dutyroom.domain.incidents import Category, IncidentFacts, Level, suggest_level
from dutyroom.domain.resources import ResourceKind
from dutyroom.services.incident_records import DeadlineView
from dutyroom.services.incident_timeline import TimelineEntry
from dutyroom.services.incident_views import DispatchView, IncidentDetail, ReportView
from dutyroom.services.register_service import EntryView
from dutyroom.services.resource_service import ResourceView
from dutyroom.ui import log_detail

ZONE = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 7, 1, 2, 5, 9, tzinfo=UTC)  # 10:05:09 at the desk
NOW = RECEIVED + timedelta(minutes=25)


def _detail(**changed: object) -> IncidentDetail:
    facts = IncidentFacts(received_at=RECEIVED, title="化工厂储罐<泄漏>", category=Category.ACCIDENT,
                          level=Level.I, subtype="危化品泄漏", received_via="电话",
                          location="青山村", deaths=1, injured=3, economic_loss=250_000,
                          summary="储罐阀门破裂\n已疏散")
    deadlines = (
        DeadlineView("phone_first", "电话首报", RECEIVED + timedelta(minutes=30), None, False, 1, ""),
        DeadlineView("written_first", "书面首报", RECEIVED + timedelta(minutes=20),
                     RECEIVED + timedelta(minutes=24), True, 1, ""),
        DeadlineView("arrival", "派单到场（青山镇卫生院）", RECEIVED + timedelta(hours=2), None,
                     False, 1, ""),
    )
    report = ReportView(1, "first", "phone", RECEIVED + timedelta(minutes=12), "县应急局", "王明",
                        "", RECEIVED + timedelta(minutes=30), False,
                        RECEIVED + timedelta(minutes=13), "")
    dispatch = DispatchView(1, 2, "青山镇卫生院", "李华", "13800000000",
                            RECEIVED + timedelta(minutes=5), RECEIVED + timedelta(minutes=35),
                            None, None, "ordered", (), "带担架")
    timeline = (TimelineEntry(RECEIVED, "王明", "接报登记", ""),
                TimelineEntry(RECEIVED + timedelta(seconds=30), "王明", "派单", "青山镇卫生院"))
    detail = IncidentDetail(1, 3, "u-1", facts, "handling", False, "", None, "王明", deadlines,
                            (report,), (dispatch,), timeline, 7, suggest_level(1, 3, 250_000), "")
    return replace(detail, **changed)


def test_the_incident_reads_top_to_bottom_with_its_deadlines_in_state():
    html = log_detail.incident_html(_detail(), ZONE, NOW, timedelta(minutes=10))
    assert html.startswith("<h3 style='margin:0'>化工厂储罐&lt;泄漏&gt;</h3>")  # escaped
    order = [html.index(part) for part in ("报送和到场时限", "接报", "派单</h4>", "报送记录", "处理经过")]
    assert order == sorted(order)
    assert "2026-07-01 10:05:09（电话）" in html  # a Ⅰ级 incident to the second
    assert "储罐阀门破裂<br>已疏散" in html
    assert "迟报（2026-07-01 10:29）" in html  # met after its deadline
    assert f"<span style='color:{log_detail.DANGER}'>即将到期</span>" not in html
    assert "来电来文登记 #7" in html
    assert "应于 2026-07-01 10:40 前到达" in html and "带担架" in html
    assert "县应急局" in html and "可调用的应急资源" not in html


def test_a_deadline_near_at_hand_turns_amber_then_red():
    near = log_detail.deadlines_html(_detail(), ZONE, NOW, timedelta(minutes=10))
    assert log_detail.STATE_COLOURS[log_detail.AlertState.UPCOMING] in near  # 5 minutes left
    passed = log_detail.deadlines_html(_detail(), ZONE, NOW + timedelta(minutes=10), timedelta(minutes=10))
    assert log_detail.DANGER in passed.split("电话首报")[1].split("</tr>")[0]
    calm = log_detail.deadlines_html(_detail(), ZONE, RECEIVED, timedelta(minutes=10))
    assert "未到期" in calm


def test_resources_and_a_void_show_only_when_there():
    boat = ResourceView(1, ResourceKind.SUPPLY, "冲锋舟", 2, "艘", "镇仓库", "赵强", "13900000000",
                        ("危化品泄漏",), "", True, 1)
    html = log_detail.incident_html(_detail(voided=True, void_reason="重复登记"), ZONE, NOW,
                                    timedelta(minutes=10), [boat])
    assert "可调用的应急资源（危化品泄漏）" in html and "冲锋舟" in html and "13900000000" in html
    assert "已作废：重复登记" in html


def test_the_words_go_through_the_translators_given():
    loud = log_detail.Words(tr=str.upper, label=lambda s: f"[{s}]", text=str, noted=str)
    html = log_detail.incident_html(_detail(), ZONE, NOW, timedelta(minutes=10), words=loud)
    assert "<H4>报送和到场时限</H4>" in html  # a phrase: through `tr`
    assert "[Ⅰ级 特别重大]" in html  # a level: through `label`
    assert log_detail.no_incident(loud).startswith("<P STYLE")


def test_a_register_entry_lists_only_what_was_filled():
    entry = EntryView(5, 1, "call", RECEIVED, "县应急局", "张三", "", "0571-1", "", "暴雨预警",
                      "今晚有暴雨\n请做好准备", "", "加强值守", "", "", "", "王明", RECEIVED, 9,
                      False, "")
    html = log_detail.entry_html(entry, ZONE)
    assert html.startswith("<h3>暴雨预警</h3>")
    assert "县应急局 张三 0571-1" in html and "今晚有暴雨<br>请做好准备" in html
    assert "已转为事件 #9" in html and "文号" not in html and "作废" not in html


def test_the_renderer_needs_no_qt():
    script = "import sys\nimport dutyroom.ui.log_detail\nprint('PySide6' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
