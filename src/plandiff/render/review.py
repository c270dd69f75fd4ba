"""Views of a ReviewResult: terminal, Markdown for one sticky PR comment, GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.core.diff import ClauseDiff
from plandiff.core.hidden_characters import make_visible
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import markdown as md
from plandiff.render import values
from plandiff.render.problems import render as render_problems
from plandiff.render.problems import workflow_command
from plandiff.repo.review import MARKER, ReviewResult, VersionChange

if TYPE_CHECKING:
    from rich.console import Console


def change_lines(loc: Locale, item: ClauseDiff) -> list[str]:
    """'armed-forces-cap · Cap on …: 600,000 → 650,000 personnel (+50,000, +8.3%)' and the like."""
    lines = [values.term_line(loc, term) for term in item.terms]
    # A reviewer decides each value the edit leaves standing: confirmed anew, or only carried.
    kept = [values.term_line(loc, term) for term in values.kept_shown(item, show_all=True)]
    if item.change in ("added", "removed", "renamed", "renumbered") or not lines:
        detail = loc.pgettext("change", item.change)
        if item.old_id:
            detail += loc._(" from {id}").format(id=item.old_id)
        old_number, new_number = item.number
        if item.change == "renumbered":
            detail += f" §{old_number} → §{new_number}"
        lines.insert(0, detail)
    if item.text is not None and item.change != "added":
        lines.append(_text_line(loc, item))
    return [make_visible(line) for line in lines + kept]


def _text_line(loc: Locale, item: ClauseDiff) -> str:
    from plandiff.render.terminal import clause_text_change

    change, ok = clause_text_change(loc, item)
    assert change is not None
    label = loc._("text (cosmetic)") if change.cosmetic else loc._("text")
    badge = "" if ok else loc.badge() + " "
    return f"{label}: {badge}" + values.word_diff(
        change, same=str, deleted=lambda w: f"[-{w}-]", inserted=lambda w: f"{{+{w}+}}")


WORKING_TREE = "working tree"  # the head when no revision is named (repo.git.Snapshot)


def _revision(loc: Locale, name: str) -> str:
    """A revision as named on the command line; the working tree in the language."""
    return loc.pgettext("revision", "working tree") if name == WORKING_TREE else name


def _revision_code(loc: Locale, name: str) -> str:
    return (loc.pgettext("revision", "`working tree`") if name == WORKING_TREE
            else md.code(name))


def _summary(loc: Locale, result: ReviewResult) -> str:
    versions = len(result.versions)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    return loc._("plandiff review {base} → {head}: {versions} version file(s) changed,"
                 " {errors} error(s), {warnings} warning(s)").format(
        base=_revision(loc, result.base), head=_revision(loc, result.head),
        versions=loc.count(versions),
        errors=loc.count(errors), warnings=loc.count(warnings))


def _with_terms(loc: Locale, result: ReviewResult) -> Locale:
    """The Locale with the term names of every version the change touches."""
    terms = dict(loc.terms)
    for version in result.versions:
        if version.diff is not None:
            terms.update(version.diff.terms)
    return loc.with_terms(terms)


def terminal(result: ReviewResult, console: Console, *, loc: Locale = ENGLISH) -> None:
    from rich.text import Text

    loc = _with_terms(loc, result)
    console.print(Text(_summary(loc, result), style="bold"))
    for version in result.versions:
        console.print()
        status = loc.pgettext("file", version.status)
        # A file name from the pull request: no line feed or escape reaches the terminal raw.
        console.print(Text(make_visible(f"{version.file} ({status})", one_line=True),
                           style="bold"))
        for detail in version.details:
            where = f"{detail.clause} · " if detail.clause else ""
            console.print(Text(f"  {version.version_id} · {where}{detail.line}"))
        if version.diff is None:
            continue
        for item in version.diff.changed:
            for line in change_lines(loc, item):
                console.print(Text(f"  {version.version_id} · {item.id} · {line}"))
    if result.registry:
        console.print()
        for line in result.registry:
            console.print(Text(f"  {line}"))
    if result.positions:
        console.print()
        console.print(Text(loc._("Stances (plans/positions.yaml)"), style="bold"))
        for line in result.positions:
            console.print(Text(f"  {line}"))
    if result.other_files:
        console.print()
        console.print(Text(loc._("Other files") + ":", style="bold"))
        for change in result.other_files:
            console.print(Text(f"  {make_visible(change.path, one_line=True)} ({change.status})"))
    if result.problems:
        console.print()
        # The problems' messages are check's, in English: another language says so.
        console.print(Text(loc.pgettext("review", "Problems:"), style="bold red"))
        for problem in result.problems:
            style = "red" if problem.severity == "error" else "yellow"
            console.print(Text(problem.format(), style=style))
    else:
        console.print(Text(loc._("No problems found."), style="green"))


_CUT = ("\n> **Cut** at GitHub's comment limit: the rest did not fit. `--format github` (the"
        " workflow's annotations) lists every problem.\n")
COMMENT_LIMIT = 65_536 - 512  # GitHub's limit, less room for the workflow's own lines


def _fit(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:text.rfind("\n", 0, limit - len(_CUT)) + 1] + _CUT


def markdown(result: ReviewResult, *, limit: int = COMMENT_LIMIT, loc: Locale = ENGLISH) -> str:
    """One sticky PR comment: the verdict, then Problems (first, so that a cut never drops
    them), then the changes; cut at line ends to fit `limit` characters, saying so."""
    loc = _with_terms(loc, result)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    count = loc.count
    if not result.problems:
        verdict = "✅ " + loc._("no problems found")
    elif errors:
        verdict = "❌ " + loc.ngettext("{count} error", "{count} errors", errors).format(
            count=count(errors)) + loc._(", ") + loc.ngettext(
            "{count} warning", "{count} warnings", warnings).format(count=count(warnings))
    else:
        verdict = "⚠️ " + loc.ngettext("{count} warning", "{count} warnings", warnings).format(
            count=count(warnings))
    files = loc.ngettext("{count} version file changed", "{count} version files changed",
                         len(result.versions)).format(count=count(len(result.versions)))
    lines = [MARKER, "## " + loc.pgettext("review", "plandiff review: {base} → {head}").format(
        base=_revision_code(loc, result.base), head=_revision_code(loc, result.head)), "",
        f"**{verdict}** · {files}", ""]
    if result.problems:
        lines += ["### " + loc.pgettext("review", "Problems"), ""]
        for problem in result.problems:
            where = problem.file + (f":{problem.line}" if problem.line else "") + (
                f":{problem.column}" if problem.column else "")
            hint = f" — {md.escape(problem.hint)}" if problem.hint else ""
            severity = loc.pgettext("severity", problem.severity)
            lines.append(f"- **{severity}** {md.code(where)}:"
                         f" {md.escape(problem.message)} [{problem.code}]{hint}")
        lines.append("")
    if result.versions:
        head = "| " + " | ".join((loc._("Version"), loc._("Clause"), loc._("Change"))) + " |"
        lines += ["### " + loc._("Changes"), "", head, "|---|---|---|"]
        for version in result.versions:
            lines += _detail_rows(version)
            if version.diff is None or not version.diff.changed:
                if not version.details:
                    status = loc._("file {status}").format(
                        status=loc.pgettext("file", version.status))
                    lines.append(f"| {md.code(version.version_id)} | | {status} |")
                continue
            for item in version.diff.changed:
                for line in change_lines(loc, item):
                    lines.append(f"| {md.code(version.version_id)} | {md.code(item.id)} |"
                                 f" {md.escape(line)} |")
        lines.append("")
    if result.registry:
        lines += ["### " + loc.pgettext("review", "Registry and bibliography"), ""]
        lines += [f"- {md.escape(line)}" for line in result.registry] + [""]
    lines += _other_sections(loc, result)
    return _fit("\n".join(lines), limit)


def _detail_rows(version: VersionChange) -> list[str]:
    return [f"| {md.code(version.version_id)} | {md.code(d.clause) if d.clause else ''} |"
            f" {md.escape(d.line)} |" for d in version.details]


def _other_sections(loc: Locale, result: ReviewResult) -> list[str]:
    """The stances and the other files, in English (the lines quote the data's fields)."""
    lines: list[str] = []
    if result.positions:
        lines += ["### " + loc._("Stances (plans/positions.yaml)"), ""]
        lines += [f"- {md.escape(line)}" for line in result.positions] + [""]
    if result.other_files:
        lines += ["### " + loc._("Other files"), ""]
        lines += [f"- {md.code(change.path)} ({change.status})" for change in result.other_files]
        lines.append("")
    return lines


def github(result: ReviewResult, *, loc: Locale = ENGLISH) -> str:
    loc = _with_terms(loc, result)
    notices = []
    for version in result.versions:
        if version.details:
            notices.append(workflow_command("notice", "; ".join(
                (f"{d.clause} · " if d.clause else "") + d.line for d in version.details),
                file=version.file, title=f"plandiff {version.version_id}"))
        if version.diff is None:
            continue
        for item in version.diff.changed:
            notices.append(workflow_command("notice", "; ".join(change_lines(loc, item)),
                                            file=version.file, title=f"plandiff {item.id}"))
    if result.positions:
        notices.append(workflow_command("notice", "; ".join(result.positions),
                                        file="plans/positions.yaml", title="plandiff stances"))
    for change in result.other_files:
        notices.append(workflow_command("notice", f"{change.path} ({change.status})",
                                        file=change.path, title="plandiff file"))
    body = render_problems(result.problems, "github")
    return "\n".join(notices) + ("\n" if notices else "") + body
