"""The data layer and the command line's non-GUI paths import no Qt."""
import subprocess
import sys

from conftest import ROOT

DATA_LAYER = ["timeline_app.dates", "timeline_app.model", "timeline_app.loader", "timeline_app.query", "timeline_app.figure",
              "timeline_app.labels", "timeline_app.verify", "timeline_app.paths", "timeline_app.cli"]


def test_data_layer_imports_no_qt():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DATA_LAYER)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt6', 'PyQt5'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_check_and_list_run_without_qt():
    code = (
        "import sys\nfrom timeline_app.cli import main\n"
        "main(['--check']); main(['--list'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
