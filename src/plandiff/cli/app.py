"""The `plandiff` command line (typer): parse options, call the library, print, map errors once."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from plandiff import __version__
from plandiff.cli import commands
from plandiff.cli.commands import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from plandiff.cli.commands import as_of_day as _as_of
from plandiff.cli.commands import limits as _limits
from plandiff.cli.commands import open_repository as _open
from plandiff.cli.commands import speak as _speak
from plandiff.cli.commands import stderr as _stderr
from plandiff.core.hidden_characters import make_visible
from plandiff.core.problems import PlandiffError, error_lines
from plandiff.render import formats

app = typer.Typer(
    name="plandiff",
    help="Track peace-plan clauses across reported versions and say how positions moved.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
__all__ = ["EXIT_ERROR", "EXIT_FOUND", "EXIT_OK", "app", "run"]


class DiffFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


class ShowFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    text = "text"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def handle_errors(command: F) -> F:
    """Turn the library's exceptions into one clear message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug is said plainly too; PLANDIFF_DEBUG shows the traceback
            if os.environ.get("PLANDIFF_DEBUG") and not isinstance(error, PlandiffError):
                raise
            for line in error_lines(error):
                _stderr(line)
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"plandiff {__version__}")
        raise typer.Exit()


def complete_version(ctx: typer.Context, incomplete: str) -> list[str]:
    """Version ids of the repository in use, for shell completion."""
    try:
        from plandiff.repo.repository import find_root, version_paths

        root = find_root(ctx.params.get("root") or None)
        return [p.stem for p in version_paths(root) if p.stem.startswith(incomplete)]
    except Exception:
        return []


RootOption = typer.Option(
    None, "--root", metavar="DIR", help="The plan repository (the folder holding plans/)."
    " Default: PLANDIFF_ROOT, else the nearest one at or above the working directory, else the"
    " corpus bundled with plandiff.",
    show_default=False,
)


MaxBytesOption = typer.Option(
    None, "--max-bytes", metavar="N", envvar="PLANDIFF_MAX_BYTES", show_envvar=False,
    help="The most bytes the plan files of the repository may hold in all (default 268,435,456;"
    " or PLANDIFF_MAX_BYTES).", show_default=False,
)
MaxNodesOption = typer.Option(
    None, "--max-nodes", metavar="N", envvar="PLANDIFF_MAX_NODES", show_envvar=False,
    help="The most YAML values (scalars, lists, mappings) the plan files of the repository may"
    " hold in all (default 5,000,000; or PLANDIFF_MAX_NODES).", show_default=False,
)


LangOption = typer.Option(
    None, "--lang", metavar="LANG", envvar="PLANDIFF_LANG",
    help="The language to print in: en (the default) or ar (Arabic, right to left). Plan"
    " content without a rendering in it is shown in English, marked.", show_default=False,
)
DigitsOption = typer.Option(
    None, "--digits", metavar="latn|arab", envvar="PLANDIFF_DIGITS",
    help="Digits for numbers in a language other than English: latn (0-9, the default) or"
    " arab (Arabic-Indic).", show_default=False,
)


TopOption = typer.Option(
    commands.TOP, "--top", metavar="N", min=0, help="Lead with the N main changes, ranked by"
    " terms.yaml salience, the size of each move and the parties' stated positions"
    " (docs/reports.md); 0 for none.",
)
AsOfOption = typer.Option(
    None, "--as-of", metavar="DATE", help="As known on DATE (YYYY-MM-DD): only citations of"
    " sources published on or before it count; what was first reported later is left out and"
    " said so; sources without a date are counted as of unknown date, said so.",
    show_default=False,
)


@app.callback()
def main_callback(
    version: bool | None = typer.Option(
        None, "--version", "-V", callback=_version_callback, is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Track peace-plan clauses across reported versions and say how positions moved.

    `plandiff A B` is short for `plandiff diff A B`.
    """


@app.command("diff")
@handle_errors
def diff_command(
    base: str = typer.Argument(..., metavar="BASE", help="The base version id.",
                               autocompletion=complete_version),
    head: str = typer.Argument(..., metavar="HEAD", help="The head version id.",
                               autocompletion=complete_version),
    output_format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f",
                                             help="Output format."),
    show_all: bool = typer.Option(False, "--all", "-a",
                                  help="Also list unchanged and unreported clauses."),
    term: list[str] | None = typer.Option(None, "--term", "-t", metavar="TERM",
                                             help="Only clauses that set this term (repeatable)."),
    topic: list[str] | None = typer.Option(None, "--topic", metavar="TOPIC",
                                              help="Only clauses with this topic (repeatable)."),
    exit_code: bool = typer.Option(False, "--exit-code",
                                   help="Exit 1 when the versions differ, 0 when they do not."),
    top: int = TopOption,
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Say how the clauses moved from BASE to HEAD."""
    code = commands.diff(base, head, output_format.value, show_all, term, topic, exit_code, top,
                         as_of, root, max_bytes, max_nodes, lang, digits)
    if code:
        raise typer.Exit(code)


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command("report")
@handle_errors
def report_command(
    base: str = typer.Argument(..., metavar="BASE", help="The base version id.",
                               autocompletion=complete_version),
    head: str = typer.Argument(..., metavar="HEAD", help="The head version id.",
                               autocompletion=complete_version),
    output_format: ReportFormat = typer.Option(ReportFormat.markdown, "--format", "-f",
                                               help="markdown (GitHub-flavoured) or html (one"
                                               " self-contained page)."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write the report to FILE instead of printing it."),
    top: int = TopOption,
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """A change report fit to publish: key changes first, each changed clause with its sources."""
    commands.report(base, head, output_format.value, output, top, as_of, root, max_bytes,
                    max_nodes, lang, digits)


class Order(str, Enum):
    lineage = "lineage"
    date = "date"


ByOption = typer.Option(Order.lineage, "--by", help="lineage: parents before children (the"
                        " default); date: chronological, with each version's parent beside it.")


@app.command("history")
@handle_errors
def history_command(
    subject: str = typer.Argument(..., metavar="TERM|CLAUSE",
                                  help="A term id from terms.yaml, or a clause id."),
    output_format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f",
                                             help="Output format."),
    by: Order = ByOption,
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Follow one term's value, or one clause's text, through every version."""
    commands.history(subject, output_format.value, by.value, as_of, root, max_bytes, max_nodes,
                     lang, digits)


@app.command("positions")
@handle_errors
def positions_command(
    term: str | None = typer.Argument(None, metavar="[TERM]",
                                      help="Only this term (an id from terms.yaml)."),
    history: bool = typer.Option(False, "--history",
                                 help="Every stated position of each party over time, not only"
                                 " its latest."),
    output_format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f",
                                             help="Output format."),
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Who wants what: each party's stated position on each term (plans/positions.yaml), the
    latest draft beside it, and where the sides stand apart or together."""
    commands.positions(term, history, output_format.value, as_of, root, lang, digits)


@app.command("site")
@handle_errors
def site_command(
    out: Path = typer.Argument(..., metavar="OUT", help="The folder to write the site into."),
    base_url: str | None = typer.Option(None, "--base-url", metavar="URL",
                                        help="Where the site will be published, for canonical"
                                        " links (pages link to each other relatively)."),
    as_of: str | None = AsOfOption,
    force: bool = typer.Option(False, "--force", help="Replace OUT even if it is a non-empty"
                               " folder that plandiff did not write."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Write the tracker as a static website: timeline, versions, change reports, histories,
    sources."""
    from plandiff.render.site import SiteOptions, build
    from plandiff.repo.site_folder import check_base_url, write_site

    # The English pages, and the twins under LANG/ (an unknown language fails here, before
    # anything is read).
    spoken = _speak(lang, digits).lang
    languages: tuple[str, ...] = ("en",) if spoken == "en" else ("en", spoken)
    loaded, known = _as_of(_open(root, limits=_limits(max_bytes, max_nodes)), as_of)
    pages = build(loaded.plan, SiteOptions(base_url=check_base_url(base_url), languages=languages,
                                           digits=digits, as_of=known))
    write_site(pages, out, force=force, protect=loaded.root.path)
    _stderr(f"wrote {sum(p.endswith('.html') for p in pages)} pages to {out}")


@app.command("export")
@handle_errors
def export_command(
    sqlite: Path | None = typer.Option(None, "--sqlite", metavar="FILE",
                                       help="Write one SQLite database (for Datasette): versions,"
                                       " clauses, term values, disputes, sources, citations,"
                                       " positions, with keys, indexes and full-text search."),
    metadata: Path | None = typer.Option(None, "--metadata", metavar="FILE",
                                         help="With --sqlite: also write Datasette's"
                                         " metadata.json (titles, descriptions, units, license)"
                                         " to FILE."),
    csv: Path | None = typer.Option(None, "--csv", metavar="DIR",
                                    help="Write the tables as CSV files into DIR, and per numeric"
                                    " term a date × value table for line charts (DIR/charts/)."),
    json_dir: Path | None = typer.Option(None, "--json", metavar="DIR",
                                         help="Write the site's JSON endpoints into DIR: one per"
                                         " version, change report and term, and index.json."),
    force: bool = typer.Option(False, "--force", help="Replace a file or folder that plandiff"
                               " did not write."),
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
) -> None:
    """Export the plan's data for other tools: SQLite (for Datasette), CSV (for charts), JSON."""
    from plandiff.cli import export

    if metadata is not None and sqlite is None:
        raise PlandiffError("--metadata describes the database of --sqlite",
                            "give --sqlite FILE too")
    if sqlite is None and csv is None and json_dir is None:
        raise PlandiffError("nothing to export", "give --sqlite FILE, --csv DIR or --json DIR")
    loaded, _known = _as_of(_open(root, limits=_limits(max_bytes, max_nodes)), as_of)
    for written in export.run(loaded, sqlite=sqlite, metadata=metadata, csv=csv, json=json_dir,
                              force=force):
        _stderr(f"wrote {written}")


class ReviewFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    github = "github"


@app.command("review")
@handle_errors
def review_command(
    base: str = typer.Argument(..., metavar="BASE",
                               help="The base revision (branch, tag, commit)."),
    head: str | None = typer.Argument(None, metavar="HEAD",
                                      help="The head revision; default: the working tree."),
    output_format: ReviewFormat = typer.Option(ReviewFormat.terminal, "--format", "-f",
                                               help="terminal, markdown (one sticky PR comment)"
                                               " or github (workflow annotations)."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Review a change to the plan files between two git revisions, for pull requests."""
    loc = _speak(lang, digits)
    from plandiff.repo.repository import find_root
    from plandiff.repo.review import review

    found = find_root(root, limits=_limits(max_bytes, max_nodes))
    if found.packaged:
        raise PlandiffError("no plan repository here (no plans/ folder at or above this folder)",
                            "run plandiff review inside a clone of the plan repository")
    result = review(found.path, base, head, limits=found.limits)
    formats.write("review", output_format.value, result, loc=loc)
    raise typer.Exit(EXIT_FOUND if result.errors else EXIT_OK)


@app.command("textconv")
@handle_errors
def textconv_command(
    file: Path = typer.Argument(..., metavar="FILE", help="A plan file (git passes a copy)."),
    root: Path | None = RootOption,
) -> None:
    """Print a plan file as clauses and terms, for `git diff` (a textconv driver).

    Never fails on a bad file: git then shows the file as it is, so a diff still works.
    """
    from plandiff.render import textconv
    from plandiff.repo.repository import read_for_textconv

    read = read_for_textconv(file, root)
    if isinstance(read, str):
        shown = read
    else:
        rendered = textconv.render(read.data, read.terms) if read.data is not None else None
        shown = read.text if rendered is None else rendered
    sys.stdout.write(make_visible(shown))


@app.command("log")
@handle_errors
def log_command(
    output_format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f",
                                             help="Output format (terminal or json)."),
    by: Order = ByOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """List the versions as a lineage tree with date, status, coverage and clause counts."""
    commands.log(output_format.value, by.value, root, max_bytes, max_nodes, lang, digits)


@app.command("terms")
@handle_errors
def terms_command(
    output_format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f",
                                             help="Output format."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """List every term (id, label, unit) and the clauses that set it: the names --term and
    history take."""
    commands.terms(output_format.value, root, max_bytes, max_nodes, lang, digits)


@app.command("show")
@handle_errors
def show_command(
    version: str = typer.Argument(..., metavar="VERSION", help="The version id.",
                                  autocompletion=complete_version),
    clause: str | None = typer.Argument(None, metavar="CLAUSE",
                                        help="Show only this clause."),
    output_format: ShowFormat = typer.Option(ShowFormat.terminal, "--format", "-f",
                                             help="Output format."),
    as_of: str | None = AsOfOption,
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
    lang: str | None = LangOption,
    digits: str | None = DigitsOption,
) -> None:
    """Show a version's resolved clauses (what it stands for) with their sources."""
    commands.show(version, clause, output_format.value, as_of, root, max_bytes, max_nodes, lang,
                  digits)


@app.command("check")
@handle_errors
def check_command(
    output_format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f",
                                              help="Output format."),
    strict: bool = typer.Option(False, "--strict", help="Also warn of sources nothing cites,"
                                " restated clauses that carry terms and disputes that are not"
                                " disputes between witnesses, and treat warnings as problems"
                                " (exit 1)."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
) -> None:
    """Check the whole repository against the contract; list every problem."""
    from plandiff.render import problems as problems_view
    from plandiff.repo.repository import (
        bundled_notice,
        check_repository,
        describe,
        find_root,
        version_paths,
    )

    repository = find_root(root, limits=_limits(max_bytes, max_nodes))
    if (notice := bundled_notice(repository)) is not None:
        _stderr(notice)
    found = check_repository(repository, strict=strict)
    checked = f"{len(version_paths(repository))} version file(s) in {describe(repository)}"
    sys.stdout.write(problems_view.render(found, output_format.value, checked=checked,
                                          root=str(repository.path)))
    failing = [p for p in found if p.severity == "error" or strict]
    raise typer.Exit(EXIT_FOUND if failing else EXIT_OK)


@app.command("fmt")
@handle_errors
def fmt_command(
    files: list[Path] | None = typer.Argument(
        None, metavar="[FILES]...", show_default=False,
        help="Plan files to format. Default: every YAML file in the repository's plans/."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 and list the files"
                               " that would be reformatted."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
) -> None:
    """Lay plan files out canonically (key order, indentation, quoting, line width), keeping
    every comment and all the data."""
    from plandiff.repo import fmt
    from plandiff.repo.repository import find_root, plan_files

    limits = _limits(max_bytes, max_nodes)
    found = find_root(root, limits=limits)
    if files:
        if found.packaged:  # no repository around the working directory: the files' own
            found = find_root(cwd=Path(os.path.abspath(files[0])).parent)
        paths = [(path, str(path)) for path in files]
    else:
        paths = [(path, found.display(path)) for path in plan_files(found)]
    if found.packaged:
        raise PlandiffError("no plan repository here (no plans/ folder at or above the working"
                            " directory)", "run it inside a plan repository, or give --root")
    results = fmt.format_files(paths, found.path, limits=limits)
    changed = [result for result in results if result.formatted.changed]
    if not check:
        from plandiff.repo.writer import remove_leftover_temporaries

        plans = found.plans.resolve()
        folders = sorted({plans, *(folder for folder in (path.resolve().parent for path, _ in paths)
                                   if folder == plans or plans in folder.parents)})
        for leftover in remove_leftover_temporaries(folders):
            typer.echo(make_visible(f"removed {found.display(leftover)}, left by an interrupted"
                                    " run", one_line=True), err=True)
        fmt.write_changed(changed, found.path)
    for result in changed:
        typer.echo(make_visible(f"{'would reformat' if check else 'reformatted'} {result.display}",
                                one_line=True))
    typer.echo(f"{len(changed)} file(s) {'would be reformatted' if check else 'reformatted'},"
               f" {len(results) - len(changed)} already formatted")
    raise typer.Exit(EXIT_FOUND if check and changed else EXIT_OK)


class SchemaKind(str, Enum):
    version = "version"
    terms = "terms"
    sources = "sources"
    positions = "positions"


@app.command("schema")
@handle_errors
def schema_command(
    kind: SchemaKind = typer.Argument(SchemaKind.version,
                                      metavar="[version|terms|sources|positions]",
                                      help="Which file: a version file, terms.yaml,"
                                      " sources.yaml or positions.yaml."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write the schema to FILE instead of printing it."),
) -> None:
    """Print the JSON Schema of a kind of plan file, for editors and other tools."""
    from plandiff.core.schema import render

    text = render(kind.value)
    if output is None:
        sys.stdout.write(text)
    else:
        from plandiff.repo.writer import write_text_atomic

        write_text_atomic(output, text)


@app.command("import")
@handle_errors
def import_command(
    file: str = typer.Argument(..., metavar="FILE",
                               help="The text to import (plain text or Markdown); - for standard"
                               " input."),
    parent: str = typer.Option(..., "--parent", metavar="VERSION", autocompletion=complete_version,
                               help="The version the text revises; points are aligned with its"
                               " clauses."),
    version_id: str = typer.Option(..., "--id", metavar="NEW",
                                   help="The new version's id; it is written to plans/NEW.yaml"
                                   " (or plans/NEW/ with --folder)."),
    title: str | None = typer.Option(None, "--title", metavar="T",
                                     help="The version's title (default: the text's headline)."),
    date: str | None = typer.Option(None, "--date", metavar="D",
                                    help="The version's date, YYYY-MM-DD (default: its"
                                    " source's date, else today; marked for review)."),
    full: bool = typer.Option(False, "--full/--partial",
                              help="--full: the text gives the whole plan, so every parent clause"
                              " it leaves out is listed as removed. --partial (the default): it"
                              " reports only some clauses; the others carry over, unreported."),
    outlet: str | None = typer.Option(None, "--outlet", metavar="NAME",
                                      help="The outlet that published the text, for its new"
                                      " entry in plans/sources.yaml (default: unknown)."),
    source_date: str | None = typer.Option(None, "--source-date", metavar="D",
                                           help="The text's date, YYYY-MM-DD, for its new"
                                           " source entry (default: a date read from the text"
                                           " outside its list)."),
    folder: bool = typer.Option(False, "--folder",
                                help="Write the version as a folder, plans/NEW/: version.yaml"
                                " and chapter files of 500 clauses (for a long text)."),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="Print the draft instead of writing anything."),
    force: bool = typer.Option(False, "--force", help="Replace plans/NEW.yaml (or plans/NEW/)"
                               " if it exists."),
    root: Path | None = RootOption,
    max_bytes: int | None = MaxBytesOption,
    max_nodes: int | None = MaxNodesOption,
) -> None:
    """Draft a new version from a numbered text: align its points with the parent's clauses,
    read their numbers, cite the text."""
    import datetime as dt
    import unicodedata

    from plandiff.importer import disk, run
    from plandiff.importer.draft import ImportOptions
    from plandiff.render import imported
    from plandiff.repo.repository import find_root

    def day(option: str, value: str | None) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if value is not None else None
        except ValueError:
            raise PlandiffError(f"{option} {value!r} is not a date",
                                "write it as YYYY-MM-DD") from None

    when, published = day("--date", date), day("--source-date", source_date)
    if outlet is not None and not outlet.strip():
        raise PlandiffError("--outlet is empty", "give the outlet's name, or leave the option out")
    if outlet is not None and any(unicodedata.category(c).startswith("C") for c in outlet):
        raise PlandiffError("--outlet holds a line break or an invisible control character",
                            "give the outlet's name as plain text on one line")
    text, path = disk.read_input(file)
    options = ImportOptions(version_id, parent, title=title, date=when, partial=not full,
                            outlet=outlet.strip() if outlet else None, source_date=published,
                            folder=folder)
    found = find_root(root, limits=_limits(max_bytes, max_nodes))
    prepared = run.prepare(found, text, path, options,
                           shown="standard input" if path is None else file)
    _stderr(imported.table(prepared.draft).rstrip("\n"))
    if dry_run:
        sys.stdout.write(prepared.version_text)
    else:
        run.write(prepared, force=force)
        _stderr(f"wrote {prepared.display}")
        if prepared.source_registered:
            _stderr(f"registered source `{prepared.source_id}` in plans/sources.yaml")
    review = imported.review(prepared.draft)
    if review:
        _stderr(review.rstrip("\n"))
    if prepared.problems:
        from plandiff.render import problems as problems_view

        _stderr(problems_view.render(prepared.problems, "text").rstrip("\n"))
    raise typer.Exit(EXIT_FOUND if any(p.severity == "error" for p in prepared.problems)
                     else EXIT_OK)


def run(args: list[str]) -> None:
    app(args=args, prog_name="plandiff")
