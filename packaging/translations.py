"""Keep the interface translations in step with the code.

    python packaging/translations.py          collect the strings, compile the .qm files
    python packaging/translations.py --check  fail if a string is missing or untranslated,
                                              or a .qm is older than its .ts (the tests run this)

resources/i18n/qtbase_supplement_<language>.ts holds what Qt's own catalogue for a language
lacks (strings of Qt's dialogs, kept by hand); it is compiled and checked here too.

The strings are collected with Qt's lupdate from every `tr("…")` in dutyroom/ui, the
domain's labels (tiers, categories, statuses… shown through `tr_label()`) from the domain's
own tables, and the messages of the rules and services (`sentence("…")`, shown through
`tr_text()`) from their source. Both go into resources/i18n/dutyroom_<language>.ts, which translators edit
with Qt Linguist (`pyside6-linguist`) or any XML editor; lrelease compiles it into the
.qm the app loads. Translations already made are kept when the strings are collected again.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "i18n"
LANGUAGES = ["en"]
FIELD = re.compile(r"(?<!\{)\{(\d+)[^{}]*\}")


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    return sorted((ROOT / "dutyroom" / "ui").rglob("*.py"))


def domain_labels() -> list[str]:
    """Every label the UI shows through `tr_label()`, from the domain's own tables."""
    sys.path.insert(0, str(ROOT))
    from dutyroom.ui import label_catalogue

    return label_catalogue.labels()


def sentences() -> list[str]:
    """The template of every `sentence("…")` the rules, file formats and services say (shown through
    `tr_text()`), read from their source."""
    found: dict[str, None] = {}
    for layer in ("domain", "db", "formats", "services"):
        for path in sorted((ROOT / "dutyroom" / layer).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "sentence"
                        and node.args and isinstance(node.args[0], ast.Constant)):
                    found[node.args[0].value] = None
    return list(found)


def _collect(ts: Path, language: str) -> None:
    # lupdate drops what it does not find in the UI code, so the translations of the labels
    # and messages are read first and put back after it.
    before = messages(ts) if ts.exists() else {}
    subprocess.run([_tool("pyside6-lupdate"), *map(str, sources()), "-source-language", "zh_CN",
                    "-target-language", language, "-no-obsolete", "-locations", "none",
                    "-ts", str(ts)], check=True, capture_output=True, text=True)
    tree = ET.parse(ts)
    context = next(c for c in tree.getroot().iter("context") if (c.findtext("name") or "") == "")
    have = {m.findtext("source") for m in context.iter("message")}
    for text in domain_labels() + sentences():
        if text not in have:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            translation, finished = before.get((text, ""), ("", False))
            if finished:
                ET.SubElement(message, "translation").text = translation
            else:
                ET.SubElement(message, "translation", type="unfinished")
            have.add(text)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def _compile(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True, text=True)


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(source, disambiguation) → (translation, finished)."""
    found = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") not in ("unfinished", "vanished",
                                                                               "obsolete")
        key = (message.findtext("source") or "", message.findtext("comment") or "")
        found[key] = ((translation.text or "") if translation is not None else "", finished)
    return found


def supplements() -> list[tuple[Path, Path]]:
    """(.ts, .qm) of the supplements to Qt's own catalogues."""
    return [(ts, ts.with_suffix(".qm")) for ts in sorted(FOLDER.glob("qtbase_supplement_*.ts"))]


def stale_supplements() -> list[str]:
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for ts, qm in supplements():
            compiled = Path(folder) / qm.name
            _compile(ts, compiled)
            if not qm.exists() or compiled.read_bytes() != qm.read_bytes():
                found.append(f"{qm.name} is not compiled from the current {ts.name}")
    return found


def problems(language: str) -> list[str]:
    """What is wrong with a language's files; empty when they are complete and current."""
    ts, qm = FOLDER / f"dutyroom_{language}.ts", FOLDER / f"dutyroom_{language}.qm"
    if not ts.exists() or not qm.exists():
        return [f"{ts.name} or {qm.name} missing: run python packaging/translations.py"]
    found = []
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / ts.name
        shutil.copy(ts, fresh)
        _collect(fresh, language)
        committed, current = messages(ts), messages(fresh)
        for key in current.keys() - committed.keys():
            found.append(f"not collected yet: {key[0]!r}")
        for key in committed.keys() - current.keys():
            found.append(f"no longer used: {key[0]!r}")
        for (source, _), (translation, finished) in sorted(committed.items()):
            if not finished or not translation:
                found.append(f"not translated: {source!r}")
            elif sorted(set(FIELD.findall(source))) != sorted(set(FIELD.findall(translation))):
                found.append(f"placeholders differ: {source!r} → {translation!r}")
        compiled = Path(folder) / qm.name
        _compile(ts, compiled)
        if compiled.read_bytes() != qm.read_bytes():
            found.append(f"{qm.name} is not compiled from the current {ts.name}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        found = [f"{language}: {p}" for language in LANGUAGES for p in problems(language)]
        found += stale_supplements()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts, qm = FOLDER / f"dutyroom_{language}.ts", FOLDER / f"dutyroom_{language}.qm"
        _collect(ts, language)
        _compile(ts, qm)
        left = sum(1 for _, finished in messages(ts).values() if not finished)
        print(f"{ts.name}: {len(messages(ts))} strings, {left} to translate; {qm.name} compiled")
    for ts, qm in supplements():
        _compile(ts, qm)
        print(f"{ts.name}: {qm.name} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
