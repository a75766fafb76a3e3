"""`dutyroom backup` and `dutyroom restore`: a consistent copy of the database, and putting
one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyroom.cli.base import EXIT_OK, Context, handles


def wire_backup(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="备份文件（默认：数据目录下的 backups 文件夹）")
    handles(parser, backup)


def wire_restore(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--accept-loss", action="store_true",
                        help="备份早于本库最新的审计链锚点时，确认接受丢失之后的记录")
    parser.add_argument("--override", metavar="REASON",
                        help="备份未通过完整性检查时仍要恢复的原因（记入审计链）")
    handles(parser, restore)


def backup(ctx: Context) -> int:
    from dutyroom.services import backup_service

    backend = ctx.open(prepare=False)
    path = backup_service.backup_to(backend.url, Path(ctx.args.out) if ctx.args.out else None)
    ctx.out.emit({"out": str(path)}, lambda: f"已备份到 {path}")
    return EXIT_OK


def restore(ctx: Context) -> int:
    from dutyroom.services import backup_service

    backend = ctx.open(create=True, prepare=False)  # a desk with no database yet may restore one
    report = backup_service.restore(backend.uow, backend.engine, backend.url, Path(ctx.args.file),
                                    accept_loss=ctx.args.accept_loss, override=ctx.args.override or "")
    document = {"out": report.database, "from": str(report.source),
                "kept": str(report.kept) if report.kept else None,
                "overridden": list(report.overridden), "lost": report.lost}
    ctx.out.emit(document, lambda: f"已从 {report.source} 恢复到 {report.database}"
                 + (f"；被替换的数据库已保留为 {report.kept}" if report.kept else "")
                 + (f"；未通过检查的问题已记入审计链（{len(report.overridden)} 个）"
                    if report.overridden else "")
                 + (f"；{report.lost}" if report.lost else ""))
    return EXIT_OK
