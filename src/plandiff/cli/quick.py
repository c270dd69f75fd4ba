"""The view commands without typer: `plandiff A B` with no option, the command run most (with
its output cache), and the commands whose options cli/options.py parses.

Importing typer and building its parser (a pydantic adapter per parameter) took a third of the
command's time. This path prints what typer's path prints and exits with the same codes and
messages (tests/test_bench.py and tests/test_options.py compare the two); what options.parse does
not decide goes through typer.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: `plandiff A B` served from its cache imports nothing more
if TYPE_CHECKING:
    from collections.abc import Callable

EXIT_ERROR = 2


def plain_diff(base: str, head: str) -> int:
    """Print how the clauses moved from `base` to `head`, as the terminal view; the exit code.
    A run whose inputs are all as before prints what it printed then (see output_cache.py)."""
    return _cached(["diff", base, head], lambda: _diff(base, head))


def _cached(words: list[str], body: Callable[[], int]) -> int:
    """Run `body` (a command printing to standard output; its exit code) through the output
    cache keyed by `words` (what decides its output besides the environment, the working folder,
    the terminal and every input file): a run whose inputs are all as before prints what it
    printed then; a clean run is kept."""
    from plandiff.cli import output_cache as cache
    from plandiff.repo import cache_folder as folders

    found = cache.key(words)
    if found is not None:
        kept = cache.read(found[0])
        if kept is not None:
            sys.stderr.write(kept[0])  # the notice that the bundled corpus is read, if it is
            sys.stdout.write(kept[1])
            return 0
        # plans/ as the key read it: the repository cache's key takes it (one read less)
        folders.plans_now[os.path.join(found[1], "plans")] = bytes.fromhex(found[2])
    out, err = cache.Tee(sys.stdout), cache.Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        code = body()
    finally:
        sys.stdout, sys.stderr = out._stream, err._stream
        folders.plans_now.clear()
    if found is not None and code == 0:
        said = "".join(err.parts)
        if said == _expected_notice(found[1], found[3]) \
                and cache.plans_digest(found[1]) == found[2]:  # nothing changed while it ran
            cache.write(found[0], found[1], "".join(out.parts), said)
    return code


def _expected_notice(root: str, bundled: bool) -> str | None:
    """What a clean run says on standard error, when it reads the repository the key was made
    for: nothing, or for the bundled corpus the notice that it is in use; None when the run read
    another repository (a plans/ made meanwhile)."""
    from plandiff.core.problems import PlandiffError
    from plandiff.repo.repository import bundled_notice, find_root

    try:
        found = find_root(None)
    except PlandiffError:  # a limit's variable that the command's option overrode: not kept
        return None
    if found.packaged != bundled or os.path.realpath(found.path) != root:
        return None
    notice = bundled_notice(found)
    return "" if notice is None else notice + "\n"


def _diff(base: str, head: str) -> int:
    from plandiff.core.problems import PlandiffError, error_lines

    try:
        from plandiff.i18n import Locale  # English loads no catalog

        loc = Locale.of(os.environ.get("PLANDIFF_LANG"), os.environ.get("PLANDIFF_DIGITS"))
        from plandiff import api
        from plandiff.render import formats

        loaded = api.load(None, need=(base, head))
        sys.stderr.write("".join(f"{line}\n" for line in loaded.notices()))
        result = api.diff(loaded, base, head)
        formats.write("diff", formats.TERMINAL, result, loc=loc.with_plan(loaded.plan))
    except KeyboardInterrupt:  # as click does
        sys.stderr.write("Aborted!\n")
        return 1
    except Exception as error:
        if os.environ.get("PLANDIFF_DEBUG") and not isinstance(error, PlandiffError):
            raise
        sys.stderr.write("".join(f"{line}\n" for line in error_lines(error)))
        return EXIT_ERROR
    return 0


def run(args: list[str]) -> int | None:
    """`plandiff COMMAND ...` for the commands cli/options.py parses (diff, report, history,
    positions, log, show, terms): the command's body (cli/commands.py) given the values parsed,
    without importing typer, click or pydantic (typer and its parser were more than a warm
    command's own work); the exit code. `plandiff [diff] A B` with no option keeps its output
    cache. None when typer's parser must decide (options.parse says when)."""
    from plandiff.cli import options

    parsed = options.parse(args)
    if parsed is None:
        return None
    command, values, optioned = parsed
    if command == "diff" and not optioned:
        return plain_diff(values["base"], values["head"])

    def body() -> int:
        from plandiff.cli import commands

        return commands.run(command, values)

    # Kept when all it does is print: not with --output (it writes a file), nor with --root (the
    # key is made for the repository found from here or PLANDIFF_ROOT).
    if values.get("output") is not None or values.get("root") is not None:
        return body()
    return _cached([command, *(f"{name}={value!r}" for name, value in sorted(values.items()))],
                   body)
