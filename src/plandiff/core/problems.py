"""Problems found in plan files, and the exceptions that carry them to the CLI."""

from __future__ import annotations

from plandiff.core.hidden_characters import Severity, make_visible
from plandiff.core.records import field, record

KeyPath = tuple[str | int, ...]


@record
class Problem:
    """One problem in one file. `keypath` locates it in the data; `line`/`column` are 1-based."""

    file: str
    message: str
    code: str
    severity: Severity = "error"
    hint: str | None = None
    keypath: KeyPath = ()
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message} [{self.code}]"
        if self.hint:
            text += f" ({self.hint})"
        # A message quotes the data: no escape reaches the terminal, no line break forges a line.
        return make_visible(text, one_line=True)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


@record(frozen=False)
class PlandiffError(Exception):
    """A command cannot run; the message says why and what to do. For callers that act on it
    (the Python API), `name` is what was asked for and not found, and `suggestions` the known
    names it most likely meant."""

    message: str
    hint: str | None = None
    name: str | None = None
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


@record(frozen=False)
class InvalidPlan(PlandiffError):
    """The plan repository has errors; every one is listed."""

    problems: list[Problem] = field(default_factory=list)
    where: str = ""  # the repository read, as messages name it

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)


@record(frozen=False)
class UnknownVersion(PlandiffError):
    """A version id that the repository does not hold."""


def error_lines(error: Exception) -> list[str]:
    """What the command line prints for an exception, one line each (no traceback), with the
    hidden characters of any data it quotes made visible."""
    return [make_visible(line, one_line=True) for line in _error_lines(error)]


def _error_lines(error: Exception) -> list[str]:
    if isinstance(error, InvalidPlan):
        errors = sum(p.severity == "error" for p in error.problems)
        where = f" ({error.where})" if error.where else ""
        return [*(p.format() for p in error.problems),
                f"plandiff: the plan repository{where} has {errors} error(s); fix them and run"
                " again (`plandiff check` lists them all)"]
    if isinstance(error, PlandiffError):
        return [f"plandiff: {error.message}"] + ([f"  hint: {error.hint}"] if error.hint else [])
    return [f"plandiff: internal error: {type(error).__name__}: {error}",
            "  hint: this is a bug in plandiff; run with PLANDIFF_DEBUG=1 for details"]
