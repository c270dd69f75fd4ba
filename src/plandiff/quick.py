"""`plandiff A B` with no option, the command run most, without typer.

Importing typer and building its parser (a pydantic adapter per parameter) took a third of the
command's time. This path prints what `plandiff diff A B` prints and exits with the same codes and
messages (tests/test_bench.py compares the two); anything with an option goes through typer.
"""

from __future__ import annotations

import os
import sys

from .problems import PlandiffError, error_lines

EXIT_ERROR = 2


def plain_diff(base: str, head: str) -> int:
    """Print how the clauses moved from `base` to `head`, as the terminal view; the exit code."""
    try:
        from . import api
        from .render import terminal

        loaded = api.open_plan(None, need=(base, head))
        sys.stderr.write("".join(f"{line}\n" for line in loaded.notices()))
        result = api.diff(loaded, base, head)
        terminal.render(result, terminal.make_console(), show_all=False)
    except KeyboardInterrupt:  # as click does
        sys.stderr.write("Aborted!\n")
        return 1
    except Exception as error:
        if os.environ.get("PLANDIFF_DEBUG") and not isinstance(error, PlandiffError):
            raise
        sys.stderr.write("".join(f"{line}\n" for line in error_lines(error)))
        return EXIT_ERROR
    return 0
