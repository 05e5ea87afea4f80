"""The wheel carries the package, the bundled events.yaml and the resources; the script is declared."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",  # the backend is installed with the tests: no index is asked
            "--no-index",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("timeline_app-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_holds_data_resources_and_entry_point(wheel):
    names = set(wheel.namelist())
    assert "timeline_app/_data/events.yaml" in names
    assert "timeline_app/_resources/icons/app.svg" in names
    assert "timeline_app/render/view.py" in names and "timeline_app/core/state.py" in names
    assert "timeline_app/_resources/events.schema.json" in names
    assert "timeline_app/_resources/tour.schema.json" in names
    assert wheel.read("timeline_app/_data/events.yaml") == (ROOT / "events.yaml").read_bytes()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "timeline-app = timeline_app.cli:main" in wheel.read(entry_points).decode()
