"""Entry point: `plandiff` and `python -m plandiff`. Kept tiny so start-up stays fast."""

from __future__ import annotations

import os
import sys

COMMANDS = frozenset({
    "diff", "log", "show", "check", "report", "history", "review", "textconv", "fmt", "schema",
    "import", "site", "positions", "--help", "-h", "--install-completion", "--show-completion",
})


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        from . import __version__

        print(f"plandiff {__version__}")
        return
    import gc

    # One command, then exit: the data it reads is trees of dicts and lists that reference
    # counting frees, and the cycle collector, run again and again over a growing heap, made
    # reading a large repository superlinear (a third of the time at 100,000 clauses).
    gc.disable()
    args = rewrite(args)
    if _plain_diff(args):
        from .quick import plain_diff

        code = plain_diff(args[1], args[2])
        if code:
            sys.exit(code)
        return
    from .cli import run

    run(args)


def _plain_diff(args: list[str]) -> bool:
    """`plandiff [diff] A B` with no option (and no shell completion asking): the quick path."""
    return (len(args) == 3 and args[0] == "diff" and not any(a.startswith("-") for a in args)
            and not any(name.startswith("_PLANDIFF_COMPLETE") for name in os.environ))


def rewrite(args: list[str]) -> list[str]:
    """`plandiff A B` means `plandiff diff A B`: the first word that is not an option decides."""
    args = list(args)
    positional = [i for i, a in enumerate(args) if not a.startswith("-")]
    first = positional[0] if positional else None
    if first is not None and args[first] not in COMMANDS and not _is_root_value(args, first):
        args.insert(first, "diff")
    return args


def _is_root_value(args: list[str], index: int) -> bool:
    return index > 0 and args[index - 1] == "--root"


if __name__ == "__main__":
    main()
