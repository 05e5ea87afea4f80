"""The layers hold: the contracts in pyproject.toml (import-linter), and --check and --list
run without importing Qt at all."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_import_contracts_are_kept():
    """core imports no Qt; cli > ui > render > core (see [tool.importlinter] in pyproject.toml)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_check_and_list_run_without_qt():
    code = (
        "import sys\nfrom timeline_app.cli import main\n"
        "main(['--check']); main(['--list'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
