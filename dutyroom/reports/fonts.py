"""The CJK font every printout embeds.

ReportLab embeds a subset of a TrueType font, so a PDF prints the same on a desk with no
Chinese fonts. ReportLab reads TrueType outlines only (not the CFF outlines of Noto CJK or
Source Han), which is why the fallback bundled under resources/fonts is AR PL UMing, a
宋体-style TrueType font under the Arphic Public License. An office's own 仿宋 or 宋体
(Windows' simfang.ttf / simsun.ttc, macOS's Songti) is preferred when it is installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_NAME = "DutyroomCJK"
# File name, face index in a collection, and what the font is called on the printout.
SYSTEM_FONTS: tuple[tuple[str, int, str], ...] = (
    ("simfang.ttf", 0, "仿宋"),
    ("FangSong.ttf", 0, "仿宋"),
    ("STFangsong.ttf", 0, "华文仿宋"),
    ("simsun.ttc", 0, "宋体"),
    ("simsun.ttf", 0, "宋体"),
    ("Songti.ttc", 0, "宋体"),
    ("STSong.ttf", 0, "华文宋体"),
)
BUNDLED = "ARPLUMingCN.ttf"
SAMPLE = "值班交接记录第页共"  # a font without these is no use for a printout


@dataclass(frozen=True)
class FontChoice:
    name: str  # the name registered with ReportLab
    label: str  # 仿宋, 宋体, or the bundled font's name
    path: str


def font_dirs() -> list[Path]:
    """Where an office's fonts live on Windows, macOS and Linux."""
    home = Path.home()
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
            home / "AppData/Local/Microsoft/Windows/Fonts"]
    if sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts/Supplemental"), Path("/System/Library/Fonts"),
                 Path("/Library/Fonts"), home / "Library/Fonts"]
    dirs += [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
             Path("/usr/share/fonts")]
    return dirs


def _candidates(dirs: Iterable[Path]) -> Iterable[tuple[Path, int, str]]:
    wanted = {name.lower(): (index, label) for name, index, label in SYSTEM_FONTS}
    order = {name.lower(): i for i, (name, _, _) in enumerate(SYSTEM_FONTS)}
    found: list[tuple[int, Path]] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        try:
            for path in folder.rglob("*"):
                key = path.name.lower()
                if key in wanted:
                    found.append((order[key], path))
        except OSError:
            continue
    for _, path in sorted(found, key=lambda item: item[0]):
        index, label = wanted[path.name.lower()]
        yield path, index, label


def _usable(font: TTFont) -> bool:
    mapping = font.face.charToGlyph
    return all(ord(ch) in mapping for ch in SAMPLE)


def _load(path: Path, index: int) -> TTFont | None:
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError):
        return None  # e.g. PostScript outlines, a damaged file
    return font if _usable(font) else None


@cache
def cjk_font(dirs: Sequence[Path] | None = None) -> FontChoice:
    """Registers (once per process) and returns the font the printouts use."""
    for path, index, label in _candidates(font_dirs() if dirs is None else dirs):
        font = _load(path, index)
        if font is not None:
            pdfmetrics.registerFont(font)
            return FontChoice(FONT_NAME, label, str(path))
    resource = files("dutyroom.resources") / "fonts" / BUNDLED
    with as_file(resource) as path:
        font = TTFont(FONT_NAME, str(path))
        pdfmetrics.registerFont(font)
        return FontChoice(FONT_NAME, "文鼎PL细上海宋（随程序附带）", str(path))
