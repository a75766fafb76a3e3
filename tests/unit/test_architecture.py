"""The import direction of docs/architecture.md, enforced by import-linter's contracts in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_go_downward_only():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_start_up_leaves_the_lunar_tables_and_the_handover_unloaded():
    """Start-up pays for what the first page needs: the lunar tables wait for a year past
    the State Council's notices, the handover's modules for its page or a restore
    (benchmarks/startup.py times the whole start)."""
    script = ("import sys\nimport dutyroom.app, dutyroom.ui.application, dutyroom.ui.main_window\n"
              "import dutyroom.ui.pages.today_page\n"
              "from datetime import date\nfrom dutyroom.domain import calendar\n"
              "calendar.resolve(date(2026, 1, 1), date(2026, 12, 31), {})\n"
              "print('lunar_python' in sys.modules)\n"
              "print('dutyroom.services.handover_service' in sys.modules)\n"
              "calendar.legal_holidays(2031)\nprint('lunar_python' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.stdout.split() == ["False", "False", "True"]


def test_the_real_start_loads_no_first_run_self_test_or_printout_modules():
    """`dutyroom gui` goes through ui/launch.py, not only the window: the first-run wizard
    (with the sample town, ReportLab and most services), the staff import (the rota files),
    the self-test (the handover) and the backups load when they are used, so that what was
    kept out of the window is not loaded before the login dialog anyway."""
    script = ("import sys\nimport dutyroom.app, dutyroom.ui.launch, dutyroom.ui.pages.today_page\n"
              "late = ['reportlab', 'openpyxl', 'dutyroom.services.demo',\n"
              "        'dutyroom.services.handover_service', 'dutyroom.services.roster_files',\n"
              "        'dutyroom.services.backup_service', 'dutyroom.services.clock_log_service',\n"
              "        'dutyroom.services.self_check', 'dutyroom.ui.dialogs.setup_wizard']\n"
              "print([name for name in late if name in sys.modules])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                         "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]"


def _scripts() -> list[Path]:
    """Every Python file of the project a person or the build runs: the package, its tests,
    the benchmarks, the scripts in docs/ and packaging/."""
    return sorted(path for folder in ("dutyroom", "tests", "benchmarks", "docs", "packaging")
                  for path in (ROOT / folder).rglob("*.py"))


def test_every_name_imported_from_the_project_is_where_it_is_imported_from():
    """A name moved between modules (Storage, period_title, clock_log_document) is moved in
    every file that imports it, the scripts in docs/ and benchmarks/ included, which no
    test imports and a linter does not follow into the package."""
    import ast
    import importlib

    wrong = []
    for path in _scripts():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if node.module.split(".")[0] != "dutyroom":
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                if alias.name == "*" or hasattr(module, alias.name):
                    continue
                try:
                    importlib.import_module(f"{node.module}.{alias.name}")
                except ModuleNotFoundError:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} "
                                 f"{node.module}.{alias.name}")
    assert wrong == []
