"""Test set-up: Qt offscreen, PySide6 before pyqtgraph, shared fixtures."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCES = ROOT.parent / "shared" / "sources"
BUNDLED = ROOT / "events.yaml"

sys.path.insert(0, str(ROOT))

#: Tests that read the source documents beside the checkout skip, saying why, where they are absent.
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"source documents not found at {SOURCES}")


@pytest.fixture(scope="session")
def bundled():
    from timeline_app.loader import load_timeline

    result = load_timeline(BUNDLED)
    assert result.ok, "\n".join(map(str, result.problems))
    return result.timeline
