"""Where the bundled data and resources are, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # timeline_app/
_CHECKOUT = _PACKAGE.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def bundled_events() -> Path:
    """The events.yaml that ships with the app."""
    return _first_existing(_PACKAGE / "_data" / "events.yaml", _CHECKOUT / "events.yaml")


def resource(*parts: str) -> Path:
    """A file under resources/ (icons, the schema)."""
    return _first_existing(_PACKAGE / "_resources" / Path(*parts), _CHECKOUT / "resources" / Path(*parts))
