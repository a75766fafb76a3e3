"""`dutyroom alerts`: what the window would list at a given moment."""

from __future__ import annotations

import argparse

from dutyroom.cli.base import EXIT_OK, Context, handles, local_iso, moment_asked, render_table


def wire_alerts(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", metavar="TIME", help="时间（默认现在）")
    handles(parser, alerts)


def alerts(ctx: Context) -> int:
    from dutyroom.services import alert_service

    backend = ctx.open()
    at, zone = moment_asked(ctx, backend)
    found = alert_service.alerts_at(backend.uow, at)
    document = [{"kind": a.kind, "subject": a.subject, "ref": a.ref, "due": local_iso(a.due, zone),
                 "state": a.state.value} for a in found]
    ctx.out.emit(document, lambda: render_table(
        ["状态", "到期时间", "事项", "对象", "编号", "已确认"],
        [[a.state_label, f"{a.due.astimezone(zone):%m-%d %H:%M}", a.label, a.subject, a.ref,
          a.acknowledged_by] for a in found]) if found else "没有需要提醒的事项")
    return EXIT_OK
