"""The options of the read-only view commands, parsed without typer, click or pydantic.

`plandiff log --by date`, `plandiff A B -f markdown`, `plandiff show V --lang ar`, or any of these
commands with `PLANDIFF_LANG` set: importing typer (which vendors click and builds a pydantic
adapter per parameter) cost more than the command itself once the repository cache is warm.
`parse` reads the argument lists of the commands in COMMANDS as typer's parser reads them, but
like the model builder (core/model_build.py) it decides only the lists it is sure of: every
option known, every value valid, nothing that makes typer speak (`--help`, an error, `--`).
Anything else gives None, and typer decides with its own words and exit codes.

What click and typer do, and what is mirrored here (typer 0.29, its vendored click parser):
- an option is a word that starts with `-` and is longer than `-`; options and words mix freely;
- `--name value` and `--name=value` (the value after `=` may be empty); a flag takes no value
  (`--all=x` is declined);
- `-f value` and `-fvalue` (click reads the rest of the word as the value, `-f=json` giving
  `=json`); a flag's short form only alone (`-a`, not `-af json`);
- the word after an option that takes a value is its value, whatever it looks like
  (`--as-of --all` sets --as-of to `--all`);
- an option given twice keeps the last value; a repeatable one (`--term`, `--topic`) keeps all;
- a choice is one of its values exactly (case matters); an int is ASCII digits (typer accepts
  more, through pydantic: ` 5`, `+5`, `1_000`, `5.0`; those are declined), at least its minimum;
  a path is any non-empty word, declined when it names something that exists but cannot be read
  (typer's check);
- an option not given takes its variable's value when that is set and not empty (converted as
  the option's value), else its default.
The table is checked against typer's own declaration of the commands (tests/test_options.py).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's: `plandiff A B` served from its cache imports nothing more
if TYPE_CHECKING:
    from typing import Any

CHOICE, FLAG, INT, TEXT, PATH, TEXTS = "choice", "flag", "int", "text", "path", "texts"
TOP = 4  # commands.TOP (a test keeps them equal; importing commands here would cost its imports)


class Option:
    """One option of a command: the name of the body's parameter (cli/commands.py), as typer
    names it; its names on the command line; its kind (CHOICE ... TEXTS); its default, its
    values (a choice), its variable and its minimum (an int)."""

    __slots__ = ("choices", "default", "envvar", "kind", "minimum", "name", "opts")

    def __init__(self, name: str, opts: tuple[str, ...], kind: str, default: Any = None,
                 choices: tuple[str, ...] = (), envvar: str | None = None,
                 minimum: int | None = None) -> None:
        self.name, self.opts, self.kind, self.default = name, opts, kind, default
        self.choices, self.envvar, self.minimum = choices, envvar, minimum

    def _fields(self) -> tuple[Any, ...]:
        return (self.name, self.opts, self.kind, self.default, self.choices, self.envvar,
                self.minimum)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Option) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Option{self._fields()!r}"


class Command:
    """A command's arguments in order (the first `required` of them must be given) and its
    options. (Plain classes: importing dataclasses or typing's NamedTuple here cost more than
    `plandiff A B` served from its cache.)"""

    __slots__ = ("arguments", "options", "required")

    def __init__(self, arguments: tuple[str, ...], required: int,
                 options: tuple[Option, ...]) -> None:
        self.arguments, self.required, self.options = arguments, required, options

    def find(self, opt: str) -> Option | None:
        return next((option for option in self.options if opt in option.opts), None)


FORMATS = ("terminal", "markdown", "json")
ORDERS = ("lineage", "date")


def _format(*choices: str, default: str = "terminal") -> Option:
    return Option("output_format", ("--format", "-f"), CHOICE, default, choices)


ROOT = Option("root", ("--root",), PATH)
MAX_BYTES = Option("max_bytes", ("--max-bytes",), INT, envvar="PLANDIFF_MAX_BYTES")
MAX_NODES = Option("max_nodes", ("--max-nodes",), INT, envvar="PLANDIFF_MAX_NODES")
LANG = Option("lang", ("--lang",), TEXT, envvar="PLANDIFF_LANG")
DIGITS = Option("digits", ("--digits",), TEXT, envvar="PLANDIFF_DIGITS")
AS_OF = Option("as_of", ("--as-of",), TEXT)
TOP_OPTION = Option("top", ("--top",), INT, TOP, minimum=0)
BY = Option("by", ("--by",), CHOICE, "lineage", ORDERS)
READING = (ROOT, MAX_BYTES, MAX_NODES, LANG, DIGITS)

COMMANDS: dict[str, Command] = {
    "diff": Command(("base", "head"), 2, (
        _format(*FORMATS), Option("show_all", ("--all", "-a"), FLAG, False),
        Option("term", ("--term", "-t"), TEXTS), Option("topic", ("--topic",), TEXTS),
        Option("exit_code", ("--exit-code",), FLAG, False), TOP_OPTION, AS_OF, *READING)),
    "report": Command(("base", "head"), 2, (
        _format("markdown", "html", default="markdown"), Option("output", ("--output", "-o"), PATH),
        TOP_OPTION, AS_OF, *READING)),
    "history": Command(("subject",), 1, (_format(*FORMATS), BY, AS_OF, *READING)),
    "positions": Command(("term",), 0, (
        Option("history", ("--history",), FLAG, False), _format(*FORMATS), AS_OF, ROOT, LANG,
        DIGITS)),
    "log": Command((), 0, (_format(*FORMATS), BY, *READING)),
    "show": Command(("version", "clause"), 1, (_format(*FORMATS, "text"), AS_OF, *READING)),
    "terms": Command((), 0, (_format(*FORMATS), *READING)),
}


def parse(args: list[str]) -> tuple[str, dict[str, Any], bool] | None:
    """(the command, the value of each of its parameters by name, whether any option was given)
    for `args` (the command first, after main.rewrite), or None when typer must decide."""
    if not args or args[0] not in COMMANDS:
        return None
    command = COMMANDS[args[0]]
    given: dict[str, Any] = {}
    words: list[str] = []
    rest = args[1:]
    index = 0
    while index < len(rest):
        arg = rest[index]
        index += 1
        if arg == "--":
            return None
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
            continue
        value: str | None = None
        if arg.startswith("--"):
            opt, equals, attached = arg.partition("=")
            option = command.find(opt)
            if option is None or (equals and option.kind == FLAG):
                return None
            if equals:
                value = attached
        else:
            option = command.find(arg[:2])
            if option is None or (len(arg) > 2 and option.kind == FLAG):
                return None
            if len(arg) > 2:
                value = arg[2:]
        if option.kind == FLAG:
            given[option.name] = True
            continue
        if value is None:
            if index == len(rest):
                return None
            value = rest[index]
            index += 1
        converted = convert(option, value)
        if converted is None:
            return None
        if option.kind == TEXTS:
            given.setdefault(option.name, []).extend(converted)
        else:
            given[option.name] = converted
    if not command.required <= len(words) <= len(command.arguments):
        return None
    values: dict[str, Any] = dict.fromkeys(command.arguments)
    values.update(zip(command.arguments, words, strict=False))
    for option in command.options:
        if option.name in given:
            values[option.name] = given[option.name]
            continue
        from_env = os.environ.get(option.envvar) if option.envvar else None
        if from_env:
            converted = convert(option, from_env)
            if converted is None:
                return None
            values[option.name] = converted
        else:
            values[option.name] = option.default
    return args[0], values, bool(given)


def convert(option: Option, value: str) -> Any:
    """The value typer gives the body for `value`, or None when typer must judge it."""
    if option.kind == CHOICE:
        return value if value in option.choices else None
    if option.kind == INT:
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return None
        number = int(value)
        return None if option.minimum is not None and number < option.minimum else number
    if option.kind == PATH:
        from pathlib import Path

        if not value:
            return None
        try:
            os.stat(value)
        except OSError:
            return Path(value)
        except ValueError:  # a NUL, which no real argument holds: typer fails on it
            return None
        return Path(value) if os.access(value, os.R_OK) else None
    if option.kind == TEXTS:
        return [value]
    return value
