"""--check and --list run without importing Qt at all. (The layers themselves are import-linter
contracts in pyproject.toml, checked by `make lint`, which `make test` runs first.)"""

import subprocess
import sys

from conftest import ROOT


def test_check_and_list_run_without_qt():
    code = (
        "import sys\nfrom timeline_app.cli import main\n"
        "main(['--check']); main(['--list'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
