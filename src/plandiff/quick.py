"""`plandiff A B` with no option, the command run most, without typer.

Importing typer and building its parser (a pydantic adapter per parameter) took a third of the
command's time. This path prints what `plandiff diff A B` prints and exits with the same codes and
messages (tests/test_bench.py compares the two); anything with an option goes through typer.
"""

from __future__ import annotations

import os
import sys

from .problems import InvalidPlan, PlandiffError

EXIT_ERROR = 2


def plain_diff(base: str, head: str) -> int:
    """Print how the clauses moved from `base` to `head`, as the terminal view; the exit code."""
    try:
        from . import api
        from .render import terminal

        result = api.diff(api.open_plan(None), base, head)
        terminal.render(result, terminal.make_console(), show_all=False)
    except InvalidPlan as error:
        errors = [p for p in error.problems if p.severity == "error"]
        lines = [problem.format() for problem in error.problems]
        lines.append(f"plandiff: the plan repository has {len(errors)} error(s); fix them and run"
                     " again (`plandiff check` lists them all)")
        return _fail(lines)
    except PlandiffError as error:
        return _fail([f"plandiff: {error.message}"]
                     + ([f"  hint: {error.hint}"] if error.hint else []))
    except KeyboardInterrupt:  # as click does
        return _fail(["Aborted!"], 1)
    except Exception as error:  # a bug: say so plainly, keep the traceback for PLANDIFF_DEBUG
        if os.environ.get("PLANDIFF_DEBUG"):
            raise
        return _fail([f"plandiff: internal error: {type(error).__name__}: {error}",
                      "  hint: this is a bug in plandiff; run with PLANDIFF_DEBUG=1 for details"])
    return 0


def _fail(lines: list[str], code: int = EXIT_ERROR) -> int:
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    return code
