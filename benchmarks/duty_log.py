"""Ten years of a busy desk: 200,000 incidents and 500,000 calls and documents.

Builds the data set once (kept in benchmarks/data/, reused on later runs; `--rebuild` makes
it afresh), then times what an officer feels: the first page of a substring search and the
值班日志 page opening. Prints one line per figure with its target.

The rows are bulk-loaded without audit links, so the file is for timing only; `dutyroom
check` would rightly report every row as written behind the app's back.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import func, insert, select

from dutyroom.app import open_backend
from dutyroom.db import search_index
from dutyroom.db.models import Incident, RegisterEntry
from dutyroom.domain.incidents import SUBTYPES, Category
from dutyroom.services import incident_views, register_service
from dutyroom.services.incident_views import IncidentQuery

# The name carries the builder's version, so a changed builder never reuses an older file.
DATA = Path(__file__).parent / "data" / "duty_log-v2.sqlite3"
INCIDENTS, REGISTER = 200_000, 500_000
VILLAGES = [f"{a}{b}村" for a in "青东西南北石桥河山柳杨李" for b in "山岭湾塘坪冲桥"]
EVENTS = {
    Category.ACCIDENT: ["化工厂储罐泄漏", "两车相撞", "民房火灾", "厂房火灾", "工地塌方",
                        "货车侧翻", "燃气泄漏", "电梯困人", "河道油污"],
    Category.NATURAL_DISASTER: ["山体滑坡险情", "河水漫堤", "暴雨内涝", "山林火情", "冰雹灾害",
                                "道路塌陷"],
    Category.PUBLIC_HEALTH: ["食物中毒", "发热病例聚集", "生猪异常死亡", "学校腹泻病例"],
    Category.SOCIAL_SECURITY: ["村民聚集反映诉求", "盗窃案件", "网络舆情", "纠纷斗殴"],
}
WORDS = """
    现场 群众 反映 已经 处置 人员 赶到 情况 初步 核实 发现 要求
    相关 部门 立即 组织 救援 疏散 周边 安全 隐患 排查 设备 损坏
    道路 交通 管制 医院 救治 伤员 生命 体征 平稳 天气 降雨 水位
    上涨 巡查 加固 转移 群众 安置 物资 保障 电力 供水 通信 恢复
""".split()  # noqa: SIM905 - a word list reads better as text
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"


def _text(rng: random.Random, words: int) -> str:
    return "，".join("".join(rng.choices(WORDS, k=4)) for _ in range(words // 4)) + "。"


def build(path: Path) -> None:
    """Write the data set with Core bulk inserts, then index it as the app would."""
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    backend = open_backend(path, "bench")
    rng = random.Random(2026)
    end = datetime(2026, 11, 1, tzinfo=UTC)
    span = timedelta(days=3650).total_seconds()
    started = time.perf_counter()
    with backend.engine.begin() as connection:
        batch = []
        for number in range(INCIDENTS):
            category = rng.choice(list(EVENTS))
            village = rng.choice(VILLAGES)
            event = rng.choice(EVENTS[category])
            received = end - timedelta(seconds=rng.random() * span)
            closed = received < end - timedelta(days=7)
            batch.append({
                "uuid": f"00000000-0000-4000-8000-{number:012d}", "version": 1,
                "received_at": received, "received_via": "电话", "title": f"{village}{event}",
                "category": category.value, "subtype": rng.choice(SUBTYPES[category]),
                "level": rng.choice(["IV"] * 8 + ["III", "unrated"]),
                "status": "closed" if closed else "handling",
                "closed_at": received + timedelta(hours=rng.uniform(1, 72)) if closed else None,
                "location": f"{village}{rng.randint(1, 12)}组",
                "reporter": rng.choice(SURNAMES) + rng.choice("伟芳娜敏静强磊军洋勇"),
                "reporter_unit": f"{village}村委会", "reporter_post": "", "reporter_phone": "",
                "deaths": 0, "injured": rng.choice([0, 0, 0, 1, 2]), "missing": 0, "trapped": 0,
                "people_involved": 0, "economic_loss": 0, "summary": _text(rng, 40),
                "actions_taken": _text(rng, 16), "informed": "", "voided": False,
                "void_reason": "", "level_changes": "[]", "change_note": "",
                "created_at": received, "created_by": "bench", "updated_at": received,
                "updated_by": "bench"})
            if len(batch) == 10_000:
                connection.execute(insert(Incident), batch)
                batch = []
        kinds = ["call"] * 6 + ["fax", "document", "document"]
        for number in range(REGISTER):
            received = end - timedelta(seconds=rng.random() * span)
            batch.append({
                "uuid": f"00000000-0000-4000-9000-{number:012d}", "version": 1,
                "kind": rng.choice(kinds), "received_at": received,
                "from_unit": rng.choice(VILLAGES) + "村委会",
                "from_name": rng.choice(SURNAMES) + "主任", "from_post": "", "from_phone": "",
                "doc_number": f"县政办发〔{received.year}〕{number % 300}号",
                "title": "关于" + "".join(rng.choices(WORDS, k=3)) + "的通知",
                "content": _text(rng, 24), "urgency": "", "leader_instruction": "",
                "passed_to": "", "handling": "", "informed": "", "recorded_by": "bench",
                "recorded_at": received, "voided": False, "void_reason": "",
                "change_note": "", "updated_at": received, "updated_by": "bench"})
            if len(batch) == 10_000:
                connection.execute(insert(RegisterEntry), batch)
                batch = []
        if batch:
            connection.execute(insert(RegisterEntry), batch)
        for table in search_index.TABLES:
            search_index.rebuild(connection, table)
    backend.close()
    print(f"built {INCIDENTS:,} incidents and {REGISTER:,} register rows in "
          f"{time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")


def median_ms(fn, repeat: int = 7) -> float:
    fn()  # warm the page cache: the desk's file is read every day
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def plan_times(backend, query: IncidentQuery) -> tuple[float, float]:
    """The first page through the bigram index and by the newest-first scan, each forced."""
    def page() -> None:
        incident_views.list_incidents(backend.uow, query, limit=100)

    times = []
    for use_index in (True, False):
        with mock.patch.object(search_index, "index_pays", lambda *_, v=use_index: v):
            times.append(median_ms(page))
    return times[0], times[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not DATA.exists():
        build(DATA)
    backend = open_backend(DATA, "bench")
    with backend.uow.read() as session:
        total = session.scalar(select(func.count()).select_from(Incident))
        chemical = session.scalar(select(func.count()).select_from(Incident)
                                  .where(Incident.title.like("%化工%")))
    print(f"data: {total:,} incidents ({chemical:,} mention 化工), file "
          f"{DATA.stat().st_size / 1e6:.0f} MB")
    searches = {
        "化工 (2 chars, common)": "化工",
        "储罐泄漏 (4 chars)": "储罐泄漏",
        "青山村山体滑坡 (7 chars)": "青山村山体滑坡",
        "冰雹 (2 chars, rarer)": "冰雹",
        "核泄漏 (no match)": "核泄漏",
        "化工 救援 (two words)": "化工 救援",
        "冰 (1 char, scan)": "冰",
    }
    figures = []
    for label, term in searches.items():
        query = IncidentQuery(text=term)
        figure = median_ms(lambda q=query: incident_views.list_incidents(backend.uow, q,
                                                                           limit=100))
        rows = len(incident_views.list_incidents(backend.uow, query, limit=100).rows)
        figures.append(figure)
        print(f"search first page {label}: {figure:.1f} ms median ({rows} rows)")
        if search_index.match_query(term) is not None:
            index, scan = plan_times(backend, query)
            print(f"    the two plans: index {index:.1f} ms, newest-first scan {scan:.1f} ms; "
                  f"the chosen one is {figure / min(index, scan):.2f}x the faster "
                  f"(before this change the index served every term under 20,000 matches)")
    indexed = figures[:-1]
    print(f"search first page, median over the indexed searches: "
          f"{statistics.median(indexed):.1f} ms (target <= 50 ms)")
    register = register_service.RegisterQuery(text="通知")
    print(f"register search 通知 first page: "
          f"{median_ms(lambda: register_service.list_entries(backend.uow, register, limit=100)):.1f}"
          " ms median")
    backend.close()

    from PySide6.QtWidgets import QApplication

    from dutyroom.ui.pages.log_page import LogPage
    from dutyroom.ui.tasks import SyncRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    backend = open_backend(DATA, "bench")

    def open_page() -> None:
        page = LogPage(backend.uow, SyncRunner())
        page.refresh()
        page.resize(1200, 800)
        page.show()
        app.processEvents()
        assert page.incidents.rowCount() == 100
        page.close()
        page.deleteLater()

    print(f"log page opens with its first 100 rows: {median_ms(open_page):.0f} ms median "
          "(target <= 300 ms)")
    backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
