"""`dutyroom init`: create or upgrade the database, optionally with the sample town."""

from __future__ import annotations

import argparse
from typing import Any

from dutyroom.cli.base import EXIT_OK, Context, handles


def wire_init(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="加入示例乡镇（人员、联动单位）")
    handles(parser, init)


def init(ctx: Context) -> int:
    from dutyroom.services import demo

    backend = ctx.open(create=True)
    schema = backend.schema
    assert schema is not None
    document: dict[str, Any] = {"db": schema.db, "schema": schema.schema,
                                "created": schema.created}
    if schema.backup:
        document["backup"] = str(schema.backup)
    lines = [f"数据库：{schema.db}", f"结构版本：{schema.schema}"
             + ("（新建）" if schema.created else "")]
    if schema.upgraded_from:
        lines.append(f"已从 {schema.upgraded_from} 升级，升级前备份：{schema.backup}")
    if ctx.args.demo:
        report = demo.seed_demo(backend.uow).value
        document["demo"] = {"staff": report.staff, "departments": report.departments,
                            "duties": report.duties, "incidents": report.incidents}
        lines.append(f"示例数据：{report.staff} 名人员，{report.departments} 个联动单位，"
                     f"{report.duties} 个班次（本月起三个月），{report.incidents} 起事件"
                     if report.staff else "示例数据已存在，未重复加入")
    ctx.out.emit(document, lambda: "\n".join(lines))
    return EXIT_OK
