"""`dutyroom warning add|list|relay`: early warnings received and relayed (预警与叫应)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dutyroom.cli.base import EXIT_OK, Context, desk_zone, handles, local_iso, render_table, whole_number
from dutyroom.cli.parsing import actions

if TYPE_CHECKING:
    from datetime import datetime

    from dutyroom.services.warning_readers import Target


def wire_warning(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    warning = actions(parser, "warning_command")
    add = warning.add_parser("add", parents=[common], help="从 JSON 文件登记一条收到的预警")
    add.add_argument("--file", required=True, metavar="FILE")
    handles(add, add_warning)
    listing = warning.add_parser("list", parents=[common], help="列出预警及叫应进度")
    listing.add_argument("--active", action="store_true", help="只列生效中的预警")
    listing.add_argument("--at", metavar="TIME", help="时间（默认现在）")
    handles(listing, list_warnings)
    relay = warning.add_parser("relay", parents=[common], help="记录一次叫应（联系责任人）")
    relay.add_argument("id", type=whole_number, metavar="ID")
    relay.add_argument("--person", required=True, metavar="P", help="责任人编号或姓名（或其 AB角）")
    relay.add_argument("--channel", required=True,
                       choices=["phone", "sms", "wechat", "broadcast", "visit"])
    answer = relay.add_mutually_exclusive_group(required=True)
    answer.add_argument("--answered", dest="answered", action="store_true", help="已应答")
    answer.add_argument("--no-answer", dest="answered", action="store_false", help="未接通")
    relay.add_argument("--at", metavar="TIME", help="联系时间（默认现在）")
    relay.add_argument("--backup", action="store_true",
                       help="这次联系的是 --person 那一行的 AB角（AB角本人也在名单中时须写明）")
    handles(relay, relay_warning)


def _moment(ctx: Context, zone: ZoneInfo) -> datetime | None:
    from dutyroom.domain.local_time import parse_local_time
    from dutyroom.services.errors import obey

    return obey(parse_local_time, ctx.args.at, zone, "at", "时间")


def _people(targets: list[Target]) -> list[dict[str, Any]]:
    return [{"person_id": t.person_id, "name": t.name, "village": t.village, "role": t.role}
            for t in targets]


def add_warning(ctx: Context) -> int:
    from dutyroom.services import import_export, warning_service
    from dutyroom.services.errors import InputError

    path = Path(ctx.args.file)
    values = import_export.read_json_object(path)
    backend = ctx.open()
    try:
        added = warning_service.add_warning(backend.uow, values).value
    except InputError as error:
        raise InputError(error.problems, source=str(path)) from None
    zone = desk_zone(backend)
    w = added.warning
    due = f"，{w.relay_due.astimezone(zone):%H:%M} 前叫应 {w.to_reach} 人" if w.relay_due else \
        "（不要求逐人叫应）"
    ctx.out.emit({"id": w.id, "relay_due": local_iso(w.relay_due, zone),
                  "to_reach": _people(added.targets)},
                 lambda: f"已登记预警 #{w.id} {w.title}{due}")
    return EXIT_OK


def list_warnings(ctx: Context) -> int:
    from dutyroom.domain.warnings import COLOUR_LABELS, STATUS_LABELS
    from dutyroom.services import warning_service

    backend = ctx.open()
    zone = desk_zone(backend)
    found = warning_service.list_warnings(backend.uow, ctx.args.active, _moment(ctx, zone))
    document = [{"id": w.id, "type": w.type, "colour": w.colour.value,
                 "issued_at": local_iso(w.issued_at, zone),
                 "valid_until": local_iso(w.valid_until, zone), "status": w.status.value,
                 "reached": w.reached, "to_reach": w.to_reach} for w in found]
    ctx.out.emit(document, lambda: render_table(
        ["编号", "类型", "颜色", "发布时间", "有效期至", "状态", "已叫应"],
        [[w.id, w.type, COLOUR_LABELS[w.colour], f"{w.issued_at.astimezone(zone):%m-%d %H:%M}",
          f"{w.valid_until.astimezone(zone):%m-%d %H:%M}" if w.valid_until else "",
          STATUS_LABELS[w.status], f"{w.reached}/{w.to_reach}"] for w in found])
                 if found else "没有预警")
    return EXIT_OK


def relay_warning(ctx: Context) -> int:
    from dutyroom.services import warning_service

    backend = ctx.open()
    zone = desk_zone(backend)
    done = warning_service.record_attempt(
        backend.uow, ctx.args.id, ctx.args.person, ctx.args.channel, ctx.args.answered,
        at=_moment(ctx, zone), backup=ctx.args.backup).value
    w = done.warning
    ctx.out.emit({"id": w.id, "reached": w.reached, "to_reach": w.to_reach,
                  "next": _people(done.next)},
                 lambda: f"{done.target.name}：{done.target.state_label}；已叫应 {w.reached}/{w.to_reach}")
    return EXIT_OK
