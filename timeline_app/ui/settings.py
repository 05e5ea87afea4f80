"""Every setting the app keeps between runs, declared once: key, type, default, what is valid.

Code reads and writes typed values through `Settings`, never key strings; a value that a
hand-edited or older settings file holds in the wrong type or out of range reads as the
default. (qutebrowser's configdata.yml is the model: one table of every option.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6 import QtCore

from ..core.browse import Filters
from ..core.figure import MAX_PIXELS, MAX_SCALE, MIN_HEIGHT, MIN_SCALE, MIN_WIDTH, FigureSpec
from ..render.theme import THEMES

__all__ = ["SETTINGS", "Setting", "Settings"]

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One kept value: where it is stored, how it is read (`kind`) and written (`encode`), its
    default, and what is valid."""

    key: str
    kind: Callable[[Any], T]
    default: T
    valid: Callable[[T], bool] = lambda _value: True
    doc: str = ""
    encode: Callable[[T], Any] = lambda value: list(value) if isinstance(value, tuple) else value


def _list_of_str(value: Any) -> list[str]:
    if isinstance(value, str):  # QSettings' INI files store a one-item list as its item
        return [value]
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"not a list: {value!r}")
    return [str(v) for v in value]


def _pair_of_floats(value: Any) -> tuple[float, float]:
    start, end = (float(v) for v in value)
    return start, end


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "1"):
        return True
    if str(value).lower() in ("false", "0"):
        return False
    raise ValueError(f"not true or false: {value!r}")


def _bytes(value: Any) -> QtCore.QByteArray:
    if not isinstance(value, QtCore.QByteArray):
        raise TypeError("not saved window geometry")
    return value


def _json_mapping(value: Any) -> dict[str, list[str]]:
    data = json.loads(value) if isinstance(value, str) else value
    if not isinstance(data, dict):
        raise TypeError("not a mapping")
    return {str(k): _list_of_str(v) for k, v in data.items()}


def _filters(value: Any) -> Filters:
    """Filters kept as JSON (Filters.to_json); the search text is not kept."""
    data = json.loads(value) if isinstance(value, str) else value
    if not isinstance(data, dict):
        raise TypeError("not a mapping")
    return Filters.from_json(data).replace(text="")


THEME = Setting("view/theme", str, "screen", lambda v: v in THEMES, "Screen (system palette) or Slide")
RANGE = Setting("view/range", _pair_of_floats, (0.0, 0.0), lambda v: v[1] > v[0], "time range, epoch seconds")
HIDDEN_LANES: Setting[dict[str, list[str]]] = Setting(
    "view/hiddenLanesByFile",
    _json_mapping,
    {},
    doc="per file (resolved path): the ids of the lanes hidden there",
    encode=json.dumps,
)
MEMBER_LANES: Setting[dict[str, list[str]]] = Setting(
    "view/memberLanesByFile",
    _json_mapping,
    {},
    doc="per file (resolved path): the ids of the lanes that show member rows there",
    encode=json.dumps,
)
LEGACY_HIDDEN_LANES: Setting[list[str]] = Setting(
    "view/hiddenLanes", _list_of_str, [], doc="before 0.2, one list for every file: read for files not seen since"
)
RECENT: Setting[list[str]] = Setting(
    "file/recent", _list_of_str, [], doc="recently opened files, newest first (at most 8)"
)
OVERVIEW = Setting("view/overview", _bool, True, doc="the overview strip under the plot is shown")
LANE_HEIGHTS = Setting(
    "view/laneHeights",
    str,
    "equal",
    lambda v: v in ("equal", "content"),
    "the lanes share the height equally or by content",
)
FOLLOWED_ONLY = Setting(
    "view/followedRowsOnly", _bool, False, doc="while a country is followed, each lane shows only its member row"
)
FILTERS: Setting[Filters] = Setting(
    "view/filters",
    _filters,
    Filters(),
    doc="countries, kinds, sources, precisions, disagreements (JSON; the search text is not kept)",
    encode=lambda filters: json.dumps(filters.replace(text="").to_json()),
)
HIDE_UNMATCHED = Setting("view/hideUnmatched", _bool, False, doc="events that do not match: hidden (or dimmed)")
EXPORT_FOLDER = Setting("export/folder", str, "", doc="where the last export was saved ('': none yet)")
SOURCES_FOLDER = Setting(
    "sources/folder", str, "", doc="the folder of the source documents ('': looked for beside the events file)"
)
TOUR = Setting("tour/path", str, "", doc="the tour open at the last close, reopened at the next start ('': none)")
REDUCE_MOTION = Setting(
    "view/reduceMotion", _bool, False, doc="moves between tour stops are instant, not animated (Preferences)"
)
GEOMETRY = Setting("window/geometry", _bytes, QtCore.QByteArray(), doc="QMainWindow.saveGeometry()")
WINDOW_STATE = Setting("window/state", _bytes, QtCore.QByteArray(), doc="QMainWindow.saveState(): docks, toolbar")
EXPORT_WIDTH = Setting("export/width", int, FigureSpec.width, lambda v: MIN_WIDTH <= v <= MAX_PIXELS)
EXPORT_HEIGHT = Setting("export/height", int, FigureSpec.height, lambda v: MIN_HEIGHT <= v <= MAX_PIXELS)
EXPORT_SCALE = Setting("export/scale", float, FigureSpec.scale, lambda v: MIN_SCALE <= v <= MAX_SCALE)
EXPORT_THEME = Setting("export/theme", str, FigureSpec.theme, lambda v: v in THEMES)
EXPORT_TITLE = Setting("export/title", str, "", doc="the title last typed, kept only with export/keepTitles")
EXPORT_CAPTION = Setting("export/caption", str, "", doc="the caption last typed, kept only with export/keepTitles")
EXPORT_KEEP_TITLES = Setting(
    "export/keepTitles", _bool, False, doc="the title and caption stay for the next export and Copy Image"
)
EXPORT_SOURCES = Setting("export/sources", _bool, True, doc="list the sources of what is shown")

#: Every setting, for documentation and tests.
SETTINGS: tuple[Setting[Any], ...] = (
    THEME,
    RANGE,
    HIDDEN_LANES,
    MEMBER_LANES,
    LEGACY_HIDDEN_LANES,
    RECENT,
    OVERVIEW,
    LANE_HEIGHTS,
    FOLLOWED_ONLY,
    FILTERS,
    HIDE_UNMATCHED,
    EXPORT_FOLDER,
    SOURCES_FOLDER,
    TOUR,
    REDUCE_MOTION,
    GEOMETRY,
    WINDOW_STATE,
    EXPORT_WIDTH,
    EXPORT_HEIGHT,
    EXPORT_SCALE,
    EXPORT_THEME,
    EXPORT_TITLE,
    EXPORT_CAPTION,
    EXPORT_KEEP_TITLES,
    EXPORT_SOURCES,
)

MAX_RECENT = 8
MAX_FILES_REMEMBERED = 50  # files whose hidden lanes are kept


class Settings:
    """Typed access to a QSettings store."""

    def __init__(self, store: QtCore.QSettings) -> None:
        self.store = store

    def get(self, setting: Setting[T]) -> T:
        raw = self.store.value(setting.key)
        if raw is None:
            return setting.default
        try:
            value = setting.kind(raw)
        except (TypeError, ValueError):
            return setting.default
        return value if setting.valid(value) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, setting.encode(value))

    # --- values with a little logic ------------------------------------------------
    def hidden_lanes(self, path: Path) -> list[str]:
        """The lanes hidden the last time this file was shown (for a file not seen since the
        settings were kept per file, the lanes hidden then in every file)."""
        return self.get(HIDDEN_LANES).get(str(path.resolve()), self.get(LEGACY_HIDDEN_LANES))

    def set_hidden_lanes(self, path: Path, lane_ids: list[str]) -> None:
        """Remember the hidden lanes of a file (now: a crash loses nothing); the most recent
        files are kept, a bounded number."""
        key = str(path.resolve())
        remembered = {k: v for k, v in self.get(HIDDEN_LANES).items() if k != key}
        remembered[key] = list(lane_ids)  # newest last
        self.set(HIDDEN_LANES, dict(list(remembered.items())[-MAX_FILES_REMEMBERED:]))
        self.store.sync()

    def member_lanes(self, path: Path) -> list[str]:
        """The lanes that showed member rows the last time this file was shown (none at first)."""
        return self.get(MEMBER_LANES).get(str(path.resolve()), [])

    def set_member_lanes(self, path: Path, lane_ids: list[str]) -> None:
        """Remember the lanes showing member rows in a file, as soon as they change."""
        key = str(path.resolve())
        remembered = {k: v for k, v in self.get(MEMBER_LANES).items() if k != key}
        remembered[key] = list(lane_ids)  # newest last
        self.set(MEMBER_LANES, dict(list(remembered.items())[-MAX_FILES_REMEMBERED:]))
        self.store.sync()

    def recent_files(self) -> list[str]:
        return self.get(RECENT)

    def remember_recent(self, path: Path) -> None:
        name = str(path.resolve())
        self.set(RECENT, ([name] + [p for p in self.recent_files() if p != name])[:MAX_RECENT])

    def export_spec(self) -> FigureSpec:
        """The export options last used (or the defaults), without range, lanes or selection.
        A title and caption belong to the figure they were typed for: they come back only when
        the user chose to keep them (a title an older version kept is not stamped again)."""
        keep = self.get(EXPORT_KEEP_TITLES)
        return FigureSpec(
            width=self.get(EXPORT_WIDTH),
            height=self.get(EXPORT_HEIGHT),
            scale=self.get(EXPORT_SCALE),
            theme=self.get(EXPORT_THEME),
            title=self.get(EXPORT_TITLE) if keep else "",
            caption=self.get(EXPORT_CAPTION) if keep else "",
            sources=self.get(EXPORT_SOURCES),
        )

    def set_export_spec(self, spec: FigureSpec, keep_titles: bool = False) -> None:
        """Remember the options of an export; its title and caption only when `keep_titles`."""
        self.set(EXPORT_WIDTH, spec.width)
        self.set(EXPORT_HEIGHT, spec.height)
        self.set(EXPORT_SCALE, spec.scale)
        self.set(EXPORT_THEME, spec.theme)
        self.set(EXPORT_KEEP_TITLES, keep_titles)
        self.set(EXPORT_TITLE, spec.title if keep_titles else "")
        self.set(EXPORT_CAPTION, spec.caption if keep_titles else "")
        self.set(EXPORT_SOURCES, spec.sources)
