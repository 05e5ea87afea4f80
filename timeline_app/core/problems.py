"""Problems with a file, and the result of loading one: the one vocabulary of the loader, the
schema check and the excerpt verifier, read by the command line and the window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Timeline

__all__ = ["HasProblems", "LoadResult", "Problem", "count", "in_file_order"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column (0: the whole line)."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        return f"{where}: {prefix}{self.message}"


class HasProblems:
    """What a file read gives besides its content: every problem found, the errors among them."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class LoadResult(HasProblems):
    """The timeline (None when the file has errors) and every problem found."""

    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.timeline is not None and not self.errors


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order of the file: by line, then column (as --check prints them, and the
    Problems list shows them)."""
    return sorted(problems, key=lambda p: (p.line, p.column))


def count(number: int, word: str) -> str:
    """'1 problem', '2 problems': a count and its noun."""
    return f"{number} {word}{'' if number == 1 else 's'}"
