"""The view commands' options parsed without typer (cli/options.py): the table is typer's own
declaration, and whenever the quick path decides an argument list, it prints, says and exits as
typer's path does; the common forms are decided, and run without typer, click or pydantic."""

from __future__ import annotations

import gc
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import LINEAGE_PLANS, REPO
from plandiff.cli import commands, options
from plandiff.cli.main import QUICK_COMMANDS, main, rewrite

VARIABLES = ("PLANDIFF_LANG", "PLANDIFF_DIGITS", "PLANDIFF_MAX_BYTES", "PLANDIFF_MAX_NODES")


# --- the table is typer's declaration ------------------------------------------------------------


def _typer_commands() -> dict[str, Any]:
    import typer.main

    from plandiff.cli.app import app

    return typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _kind(param: Any) -> str:
    from enum import Enum

    annotation = param.type_descriptor.annotation
    if param.multiple:
        assert annotation == list[str], param.name
        return options.TEXTS
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return options.CHOICE
    return {bool: options.FLAG, int: options.INT, str: options.TEXT,
            Path: options.PATH}[annotation]


@pytest.mark.parametrize("name", sorted(options.COMMANDS))
def test_the_table_is_what_typer_declares(name: str) -> None:
    """Every option of the command, as the table has it: names, short names, kind (flag,
    repeatable, choice and its values, int, text, path), default, variable, minimum; the
    arguments in order, which are required; and nothing else in typer's parser that would change
    how the words are read (a callback, a secondary name, a prompt, a case-blind choice ...)."""
    command = _typer_commands()[name]
    table = options.COMMANDS[name]
    assert command.context_settings == {} and not command.no_args_is_help
    assert command.allow_interspersed_args and not command.ignore_unknown_options
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert tuple(p.name for p in arguments) == table.arguments
    assert sum(p.required for p in arguments) == table.required
    assert all(p.nargs == 1 and p.envvar is None and p.default is None and p.callback is None
               and _kind(p) == options.TEXT for p in arguments)
    assert [p.required for p in arguments] == sorted((p.required for p in arguments), reverse=True)
    declared = {}
    for param in command.params:
        if param.param_type_name != "option":
            continue
        info = param.type_descriptor.parameter_info
        assert param.nargs == 1 and not param.count and not param.required
        assert param.callback is None and param.prompt is None and not param.is_eager
        assert param.secondary_opts == [] and info.parser is None and info.case_sensitive
        kind = _kind(param)
        if kind == options.PATH:  # typer's path checks: only that what exists can be read
            assert (info.exists, info.file_okay, info.dir_okay, info.readable, info.writable,
                    info.resolve_path, info.allow_dash, info.path_type) == (
                False, True, True, True, False, False, False, None)
        default = param.default
        if kind == options.CHOICE:
            default = default.value
        choices = tuple(c.value for c in param.type_descriptor.choices or ())
        declared[param.name] = options.Option(
            param.name, tuple(param.opts), kind, default, choices,
            param.envvar, None if param.min is None else int(param.min))
        assert param.max is None and not info.clamp
        assert param.is_flag == (kind == options.FLAG)
    assert declared == {option.name: option for option in table.options}
    # the body the quick path calls takes exactly these parameters, under these names
    body = inspect.signature(commands.BODIES[name]).parameters
    assert list(body) == [p.name for p in command.params]


def test_the_quick_commands_are_the_table_s() -> None:
    assert QUICK_COMMANDS == set(options.COMMANDS) == set(commands.BODIES)
    assert options.TOP == commands.TOP


def test_the_app_sets_nothing_that_changes_how_a_command_reads_its_words() -> None:
    """No default map, no automatic variables, no normalised tokens: only the help's names."""
    import typer.main

    from plandiff.cli.app import app

    assert typer.main.get_command(app).context_settings == {"help_option_names": ["-h", "--help"]}


# --- the quick path decides as typer does ---------------------------------------------------------


class Declined(Exception):
    """The quick path left the arguments to typer."""


def _quick(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str] | None:
    """(exit code, stdout, stderr) of `plandiff ARGS` through main, or None when it went to
    typer."""
    import plandiff.cli.app

    def declined(_: list[str]) -> None:
        raise Declined

    saved = plandiff.cli.app.run
    plandiff.cli.app.run = declined  # type: ignore[assignment]
    capsys.readouterr()
    code = 0
    try:
        main(list(args))
    except Declined:
        return None
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        plandiff.cli.app.run = saved  # type: ignore[assignment]
        gc.enable()  # main turns the collector off for its one command
    out, err = capsys.readouterr()
    return code, out, err


def _typer(args: list[str]) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from plandiff.cli.app import app

    result = CliRunner().invoke(app, rewrite(list(args)), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# The words each kind of value is drawn from: valid ones, and (second) what typer refuses or reads
# otherwise: a choice in capitals, an int with a sign, a space, an underscore or a point, a value
# that looks like an option, nothing.
VALUES: dict[str, tuple[list[str], list[str]]] = {
    "output_format": (["terminal", "markdown", "json", "text", "html"], ["JSON", "", "jso"]),
    "by": (["lineage", "date"], ["Date", "", "dates"]),
    "top": (["0", "2", "007", "12"], ["-1", "+2", " 2", "1_0", "2.0", "x", "", "٣"]),
    "max_bytes": (["268435456", "100", "0"], ["+5", " 5", "abc", "", "99999999999999999999"]),
    "max_nodes": (["5000000", "10"], ["1_000", "x", ""]),
    "lang": (["en", "ar", "AR", "xx", ""], []),
    "digits": (["latn", "arab", "roman", ""], []),
    "as_of": (["2025-11-20", "2030-01-01", "2025-02-30", "soon", ""], []),
    "term": (["ukraine-troop-cap", "ukraine-nato-membership,amnesty", "cap", "nope", " , ", ""],
             []),
    "topic": (["military", "nato", "process,nato", "nope", ""], []),
}
LOOKS_LIKE_OPTIONS = ["--all", "-a", "--help", "--", "-", "--format=json", "-fjson"]
VARIABLE_VALUES = {"PLANDIFF_LANG": ["ar", "en", "xx", ""], "PLANDIFF_DIGITS": ["arab", "latn", ""],
                   "PLANDIFF_MAX_BYTES": ["268435456", "50", ""],
                   "PLANDIFF_MAX_NODES": ["5000000", "5", ""]}
BAD_VARIABLES = {"PLANDIFF_MAX_BYTES": ["x", " 7", "+7", "-7"],
                 "PLANDIFF_MAX_NODES": ["1_0", "5.0"]}
JUNK = ["--help", "-h", "--", "--nope", "-x", "-af", "--all=1", "--history=", "--format",
        "--form", "-", "-1", "--exit-code=yes", "--top", "-o", "--root", "-t"]


@st.composite
def argument_lists(draw: st.DrawFn, words: dict[str, list[str]],
                   paths: dict[str, tuple[list[str], list[str]]]
                   ) -> tuple[list[str], dict[str, str | None]]:
    """A command's argument list made from the table, and the options' variables: half of them
    as a user means them (its words, options in every form: `--name value`, `--name=value`,
    `-n value`, `-nvalue`, some twice, in any order, variables set or not, each value valid);
    a third the same with one fault (a value typer refuses or reads apart, a value that looks
    like an option, a word typer does not know, a word too many, a variable typer refuses); the
    rest with faults anywhere."""
    name = draw(st.sampled_from(sorted(options.COMMANDS)))
    command = options.COMMANDS[name]
    mode = draw(st.sampled_from(["clean"] * 3 + ["one fault"] * 2 + ["faults"]))
    rarely = 3 if mode == "faults" else 0  # one draw in 3 is something typer refuses

    def pick(usual: list[Any], rare: list[Any]) -> Any:
        return draw(st.sampled_from(rare if rarely and draw(st.integers(1, rarely)) == 1
                                    else usual))

    def pools(option: options.Option) -> tuple[list[str], list[str]]:
        valid, invalid = paths[option.name] if option.name in paths else VALUES[option.name]
        if option.kind == options.CHOICE:
            valid = [v for v in valid if v in option.choices]
            invalid = invalid + [v for v in VALUES[option.name][0] if v not in option.choices]
        return valid, invalid * 2 + LOOKS_LIKE_OPTIONS

    def given(option: options.Option, value: str) -> list[str]:
        opt = draw(st.sampled_from(option.opts))
        if option.kind == options.FLAG:
            return [opt]
        if draw(st.booleans()):
            return [opt, value]
        return [f"{opt}={value}" if opt.startswith("--") else opt + value]

    count = pick(list(range(command.required, len(command.arguments) + 1)), [0, 1, 2, 3])
    anything = sorted({word for pool in words.values() for word in pool} | {"nope", "-", ""})
    tokens: list[list[str]] = [
        [pick(words[argument] if index < len(command.arguments) else anything, anything)]
        for index, argument in enumerate([*command.arguments, "", "", ""][:count])]
    for option in draw(st.lists(st.sampled_from(command.options), max_size=4)):
        tokens.append(given(option, pick(*pools(option)) if option.kind != options.FLAG else ""))
    variables = {name: pick([None, None, None, values[0], values[1]],
                            values + BAD_VARIABLES.get(name, []))
                 for name, values in VARIABLE_VALUES.items()}
    fault = draw(st.sampled_from(["value", "value", "junk", "word", "variable"])) \
        if mode == "one fault" else None
    valued = [option for option in command.options if option.kind != options.FLAG]
    if fault == "value":
        option = draw(st.sampled_from(valued))
        tokens.append(given(option, draw(st.sampled_from(pools(option)[1]))))
    elif fault == "junk" or (mode == "faults" and draw(st.booleans())):
        tokens.append([draw(st.sampled_from(JUNK))])
    elif fault == "word":
        tokens += [[draw(st.sampled_from(anything))]] * (len(command.arguments) + 1 - count)
    elif fault == "variable":
        variable = draw(st.sampled_from(sorted(BAD_VARIABLES)))
        variables[variable] = draw(st.sampled_from(BAD_VARIABLES[variable]))
    order = draw(st.permutations(tokens))
    args = [token for group in order for token in group]
    if name == "diff" and draw(st.booleans()):  # `plandiff A B ...`: main.rewrite adds `diff`
        return args, variables
    return [name, *args], variables


def _compare(args: list[str], variables: dict[str, str | None],
             capsys: pytest.CaptureFixture[str], *, record: bool = False) -> bool:
    """Whether the quick path decided `args` (with the variables set); when it did, that it
    printed, said and exited as typer's path."""
    with _environment(variables):
        quick = _quick(args, capsys)
        if record:
            event("decided by the quick path" if quick is not None else "left to typer")
        if quick is None:
            return False
        expected = _typer(args)
        if record:
            event(f"exit code {expected[0]}")
        assert quick == expected, args
    return True


UNREADABLE = "unreadable.txt"

settings_ = settings(max_examples=int(os.environ.get("OPTIONS_EXAMPLES", "100")), deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


@settings_
@given(case=st.data())
@example(case=None)
def test_the_quick_path_decides_as_typer_on_the_corpus(case: Any, run, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    (tmp_path / UNREADABLE).write_text("x")
    (tmp_path / UNREADABLE).chmod(0)
    paths = {"root": ([str(REPO), "nowhere", "."], ["", str(tmp_path / UNREADABLE)]),
             "output": (["-", str(tmp_path / "report.md"), str(tmp_path / "no" / "r.md")],
                        ["", str(tmp_path / UNREADABLE)])}
    if case is None:  # the forms a user types, each decided
        for args in COMMON:
            assert _compare(args, {name: None for name in VARIABLES}, capsys), args
        return
    versions, clauses = ["v28", "geneva", "v20", "miami-dec"], ["armed-forces-cap", "amnesty"]
    terms = ["ukraine-troop-cap", "ukraine-nato-membership"]
    args, variables = case.draw(argument_lists(
        {"base": versions, "head": versions, "version": versions, "clause": clauses,
         "subject": terms + clauses, "term": terms}, paths))
    _compare(args, variables, capsys, record=True)


@settings_
@given(case=st.data())
def test_the_quick_path_decides_as_typer_on_a_small_repository(
        case: Any, run, make_repo, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = make_repo(LINEAGE_PLANS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    monkeypatch.chdir(elsewhere if case.draw(st.booleans()) else root)
    paths = {"root": ([str(root), str(root), "nowhere", str(elsewhere)], [""]),
             "output": (["-", str(tmp_path / "report.html"), str(elsewhere)], [""])}
    args, variables = case.draw(argument_lists(
        {"base": ["v1", "v2"], "head": ["v1", "v2"], "version": ["v1", "v2"],
         "clause": ["army", "amnesty"], "subject": ["cap", "army"], "term": ["cap", "nato"]},
        paths))
    _compare(args, variables, capsys, record=True)


COMMON = [
    ["log", "--by", "date"], ["diff", "v28", "geneva", "-f", "markdown"],
    ["v28", "geneva", "-f", "markdown"], ["v28", "geneva", "--format=json"],
    ["show", "geneva", "--lang", "ar"], ["history", "armed-forces-cap", "-f", "json"],
    ["history", "armed-forces-cap", "-fjson"],
    ["v28", "geneva", "-t", "ukraine-troop-cap", "--all"],
    ["diff", "v28", "geneva", "--term", "ukraine-troop-cap", "--topic", "nato", "--exit-code"],
    ["report", "v28", "geneva", "--top", "2"], ["positions", "--history", "-f", "markdown"],
    ["show", "geneva", "armed-forces-cap", "-f", "text"], ["terms", "-f", "json"],
    ["log", "--root", str(REPO), "--lang=ar", "--digits", "arab"],
    ["report", "v28", "geneva", "-f", "html", "-o", "-"],
]


@pytest.mark.parametrize(("args", "variables"), [
    (["log"], {"PLANDIFF_LANG": "ar"}), (["v28", "geneva"], {"PLANDIFF_DIGITS": "arab"}),
    (["show", "geneva"], {"PLANDIFF_MAX_BYTES": "268435456", "PLANDIFF_MAX_NODES": "5000000"}),
    (["log", "--lang", "en"], {"PLANDIFF_LANG": "ar"}),
])
def test_the_options_variables_are_decided(args: list[str], variables: dict[str, str],
                                           run, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert _compare(args, {**dict.fromkeys(VARIABLES), **variables}, capsys)


@pytest.mark.parametrize("args", [
    ["log", "--help"], ["show", "-h"], ["log", "--nope"], ["log", "--by", "Date"],
    ["log", "--by"], ["log", "--"], ["v28", "geneva", "-af", "json"], ["log", "--by=date=x"],
    ["report", "v28", "geneva", "--top", "-1"], ["report", "v28", "geneva", "--top", "+2"],
    ["show"], ["show", "a", "b", "c"], ["diff", "v28", "geneva", "--all=1"],
    ["v28", "geneva", "--max-bytes", " 5"], ["check"], ["fmt", "--check"],
])
def test_what_it_is_not_sure_of_goes_to_typer(args: list[str]) -> None:
    assert options.parse(rewrite(args)) is None


def test_the_last_of_an_option_given_twice_counts_and_a_repeatable_one_keeps_all() -> None:
    parsed = options.parse(["diff", "a", "b", "-f", "json", "--format=markdown", "-t", "x",
                            "--term=y,z", "-tw", "--all", "-a"])
    assert parsed is not None
    assert (parsed[1]["output_format"], parsed[1]["term"], parsed[1]["show_all"]) == (
        "markdown", ["x", "y,z", "w"], True)


@pytest.mark.parametrize("variables", [{}, {"PLANDIFF_LANG": "ar"}])
def test_the_common_forms_import_neither_typer_nor_click_nor_pydantic(
        variables: dict[str, str], tmp_path: Path) -> None:
    """With the repository cache filled (by `plandiff v28 geneva`), each form runs its command
    without importing typer, click or pydantic (typer alone cost more than a warm command)."""
    env = {name: value for name, value in os.environ.items()
           if name not in (*VARIABLES, "PLANDIFF_ROOT", "_PLANDIFF_COMPLETE")}
    env.update(PLANDIFF_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1", **variables)
    subprocess.run([sys.executable, "-m", "plandiff", "v28", "geneva"], cwd=REPO, env=env,
                   check=True, capture_output=True)
    script = ("import sys\nfrom plandiff.cli.main import main\nfor args in ARGS:\n"
              "    try:\n        main(args)\n    except SystemExit as done:\n"
              "        assert not done.code, (args, done.code)\n"
              "print('loaded:', sorted(m for m in ('typer', 'click', 'pydantic', 'pydantic_core')"
              " if m in sys.modules), file=sys.stderr)\n")
    forms = [args for args in COMMON if "--exit-code" not in args]
    result = subprocess.run([sys.executable, "-c", script.replace("ARGS", repr(forms))],
                            cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.splitlines()[-1] == "loaded: []"
