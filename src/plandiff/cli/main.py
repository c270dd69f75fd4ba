"""Entry point: `plandiff` and `python -m plandiff`. Kept tiny so start-up stays fast."""

from __future__ import annotations

import os
import sys

# The commands whose options cli/options.py parses, run without typer (quick.run) when it can.
QUICK_COMMANDS = frozenset({"diff", "log", "show", "history", "positions", "report", "terms"})
COMMANDS = frozenset({
    "diff", "log", "show", "check", "report", "history", "review", "textconv", "fmt", "schema",
    "import", "site", "positions", "export", "terms", "--help", "-h", "--install-completion",
    "--show-completion",
})


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        from plandiff import __version__

        print(f"plandiff {__version__}")
        return
    # plandiff's models use no pydantic plugin, and looking for plugins reads the metadata of
    # every installed package each time a model is built: a third of `plandiff A B` on a small
    # repository. A user who sets the variable (to use a plugin) keeps their setting.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    import gc

    # One command, then exit: the data it reads is trees of dicts and lists that reference
    # counting frees, and the cycle collector, run again and again over a growing heap, made
    # reading a large repository superlinear (a third of the time at 100,000 clauses).
    gc.disable()
    args = rewrite(args)
    if args and args[0] in QUICK_COMMANDS \
            and not any(name.startswith("_PLANDIFF_COMPLETE") for name in os.environ):
        from plandiff.cli.quick import run as run_quick

        ran = run_quick(args)
        if ran is not None:
            if ran:
                sys.exit(ran)
            return
    from plandiff.cli.app import run

    run(args)


def rewrite(args: list[str]) -> list[str]:
    """`plandiff A B` means `plandiff diff A B`: the first word that is not an option decides.
    `--root DIR` given before the command (or before the `A B` shortcut) goes after it, where
    every command takes it."""
    args = list(args)
    positional = [i for i, a in enumerate(args) if not a.startswith("-")
                  and not _is_root_value(args, i)]
    if not positional:
        return args
    first = positional[0]
    shortcut = args[first] not in COMMANDS
    lead = args[:first]
    if lead and _only_root(lead):
        if shortcut:
            return ["diff", *lead, *args[first:]]
        return [args[first], *lead, *args[first + 1:]]
    if shortcut:
        args.insert(first, "diff")
    return args


def _is_root_value(args: list[str], index: int) -> bool:
    return index > 0 and args[index - 1] == "--root"


def _only_root(options: list[str]) -> bool:
    """Whether `options` is nothing but `--root DIR` or `--root=DIR` (once or more)."""
    index = 0
    while index < len(options):
        if options[index] == "--root" and index + 1 < len(options):
            index += 2
        elif options[index].startswith("--root="):
            index += 1
        else:
            return False
    return True


if __name__ == "__main__":
    main()
