"""Views of a ReviewResult: terminal, Markdown for one sticky PR comment, GitHub annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff import i18n
from plandiff.core.diff import ClauseDiff
from plandiff.core.hidden_characters import make_visible
from plandiff.i18n import _, ngettext, pgettext
from plandiff.i18n import content as tr
from plandiff.render import markdown as md
from plandiff.render import values
from plandiff.render.problems import render as render_problems
from plandiff.render.problems import workflow_command
from plandiff.repo.review import MARKER, ReviewResult, VersionChange

if TYPE_CHECKING:
    from rich.console import Console


def change_lines(item: ClauseDiff) -> list[str]:
    """'armed-forces-cap · Cap on …: 600,000 → 650,000 personnel (+50,000, +8.3%)' and the like."""
    lines = [values.term_line(term) for term in item.terms]
    # A reviewer decides each value the edit leaves standing: confirmed anew, or only carried.
    kept = [values.term_line(term) for term in values.kept_shown(item, show_all=True)]
    if item.change in ("added", "removed", "renamed", "renumbered") or not lines:
        detail: str = item.change if i18n.english() else pgettext("change", item.change)
        if item.old_id:
            detail += _(" from {id}").format(id=item.old_id)
        old_number, new_number = item.number
        if item.change == "renumbered":
            detail += f" §{old_number} → §{new_number}"
        lines.insert(0, detail)
    if item.text is not None and item.change != "added":
        lines.append(_text_line(item))
    return [make_visible(line) for line in lines + kept]


def _text_line(item: ClauseDiff) -> str:
    assert item.text is not None
    if not i18n.english():
        from plandiff.render.terminal import clause_text_change

        change, ok = clause_text_change(item)
        assert change is not None
        label = _("text (cosmetic)") if change.cosmetic else _("text")
        return f"{label}: {'' if ok else tr.badge() + ' '}" + values.word_diff(
            change, same=str, deleted=lambda w: f"[-{w}-]", inserted=lambda w: f"{{+{w}+}}")
    cosmetic = " (cosmetic)" if item.text.cosmetic else ""
    return f"text{cosmetic}: " + values.word_diff(item.text, same=str,
                                                   deleted=lambda w: f"[-{w}-]",
                                                   inserted=lambda w: f"{{+{w}+}}")


def _summary(result: ReviewResult) -> str:
    versions = len(result.versions)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    if not i18n.english():
        return _("plandiff review from {base} to {head}: {versions} version files changed,"
                 " {errors} errors, {warnings} warnings").format(
            base=result.base, head=result.head, versions=values.count(versions),
            errors=values.count(errors), warnings=values.count(warnings))
    return (f"plandiff review {result.base} → {result.head}: {versions} version file(s) changed,"
            f" {errors} error(s), {warnings} warning(s)")


def _use_terms(result: ReviewResult) -> None:
    if not i18n.english():
        for version in result.versions:
            if version.diff is not None:
                tr.use_terms({**tr._Terms.by_id, **version.diff.terms})


def terminal(result: ReviewResult, console: Console) -> None:
    from rich.text import Text

    _use_terms(result)
    console.print(Text(_summary(result), style="bold"))
    for version in result.versions:
        console.print()
        status = version.status if i18n.english() else pgettext("file", version.status)
        # A file name from the pull request: no line feed or escape reaches the terminal raw.
        console.print(Text(make_visible(f"{version.file} ({status})", one_line=True),
                           style="bold"))
        for detail in version.details:
            where = f"{detail.clause} · " if detail.clause else ""
            console.print(Text(f"  {version.version_id} · {where}{detail.line}"))
        if version.diff is None:
            continue
        for item in version.diff.changed:
            for line in change_lines(item):
                console.print(Text(f"  {version.version_id} · {item.id} · {line}"))
    if result.registry:
        console.print()
        for line in result.registry:
            console.print(Text(f"  {line}"))
    if result.positions:
        console.print()
        console.print(Text(_("Stances (plans/positions.yaml)"), style="bold"))
        for line in result.positions:
            console.print(Text(f"  {line}"))
    if result.other_files:
        console.print()
        console.print(Text(_("Other files") + ":", style="bold"))
        for change in result.other_files:
            console.print(Text(f"  {make_visible(change.path, one_line=True)} ({change.status})"))
    if result.problems:
        console.print()
        console.print(Text(_("Problems:") if i18n.english() else
                           _("Problems (messages in English):"), style="bold red"))
        for problem in result.problems:
            style = "red" if problem.severity == "error" else "yellow"
            console.print(Text(problem.format(), style=style))
    else:
        console.print(Text(_("No problems found."), style="green"))


_CUT = ("\n> **Cut** at GitHub's comment limit: the rest did not fit. `--format github` (the"
        " workflow's annotations) lists every problem.\n")
COMMENT_LIMIT = 65_536 - 512  # GitHub's limit, less room for the workflow's own lines


def _fit(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:text.rfind("\n", 0, limit - len(_CUT)) + 1] + _CUT


def markdown(result: ReviewResult, *, limit: int = COMMENT_LIMIT) -> str:
    """One sticky PR comment: the verdict, then Problems (first, so that a cut never drops
    them), then the changes; cut at line ends to fit `limit` characters, saying so."""
    if not i18n.english():
        _use_terms(result)
        return _markdown_translated(result, limit=limit)
    lines = [MARKER, f"## plandiff review: {md.code(result.base)} → {md.code(result.head)}", ""]
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    verdict = "✅ no problems found" if not result.problems else (
        f"❌ {md.plural(errors, 'error')}, {md.plural(warnings, 'warning')}" if errors
        else f"⚠️ {md.plural(warnings, 'warning')}")
    lines += [f"**{verdict}** · {md.plural(len(result.versions), 'version file')} changed", ""]
    if result.problems:
        lines += ["### Problems", ""]
        for problem in result.problems:
            where = problem.file + (f":{problem.line}" if problem.line else "") + (
                f":{problem.column}" if problem.column else "")
            hint = f" — {md.escape(problem.hint)}" if problem.hint else ""
            lines.append(f"- **{problem.severity}** {md.code(where)}: {md.escape(problem.message)}"
                         f" [{problem.code}]{hint}")
        lines.append("")
    if result.versions:
        lines += ["### Changes", "", "| Version | Clause | Change |", "|---|---|---|"]
        for version in result.versions:
            lines += _detail_rows(version)
            if version.diff is None or not version.diff.changed:
                if not version.details:
                    lines.append(f"| {md.code(version.version_id)} | | file {version.status} |")
                continue
            for item in version.diff.changed:
                for line in change_lines(item):
                    lines.append(f"| {md.code(version.version_id)} | {md.code(item.id)} |"
                                 f" {md.escape(line)} |")
        lines.append("")
    if result.registry:
        lines += ["### Registry and bibliography", ""]
        lines += [f"- {md.escape(line)}" for line in result.registry] + [""]
    lines += _other_sections(result)
    return _fit("\n".join(lines), limit)


def _detail_rows(version: VersionChange) -> list[str]:
    return [f"| {md.code(version.version_id)} | {md.code(d.clause) if d.clause else ''} |"
            f" {md.escape(d.line)} |" for d in version.details]


def _other_sections(result: ReviewResult) -> list[str]:
    """The stances and the other files, in English (the lines quote the data's fields)."""
    lines: list[str] = []
    if result.positions:
        lines += ["### " + _("Stances (plans/positions.yaml)"), ""]
        lines += [f"- {md.escape(line)}" for line in result.positions] + [""]
    if result.other_files:
        lines += ["### " + _("Other files"), ""]
        lines += [f"- {md.code(change.path)} ({change.status})" for change in result.other_files]
        lines.append("")
    return lines


def _markdown_translated(result: ReviewResult, *, limit: int) -> str:
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    count = values.count
    if not result.problems:
        verdict = "✅ " + _("no problems found")
    elif errors:
        verdict = "❌ " + ngettext("{count} error", "{count} errors", errors).format(
            count=count(errors)) + _(", ") + ngettext(
            "{count} warning", "{count} warnings", warnings).format(count=count(warnings))
    else:
        verdict = "⚠️ " + ngettext("{count} warning", "{count} warnings", warnings).format(
            count=count(warnings))
    files = ngettext("{count} version file changed", "{count} version files changed",
                     len(result.versions)).format(count=count(len(result.versions)))
    lines = [MARKER, "## " + _("plandiff review: from {base} to {head}").format(
        base=md.code(result.base), head=md.code(result.head)), "", f"**{verdict}** · {files}", ""]
    if result.problems:
        lines += ["### " + _("Problems (messages in English)"), ""]
        for problem in result.problems:
            where = problem.file + (f":{problem.line}" if problem.line else "") + (
                f":{problem.column}" if problem.column else "")
            hint = f" — {md.escape(problem.hint)}" if problem.hint else ""
            severity = pgettext("severity", problem.severity)
            lines.append(f"- **{severity}** {md.code(where)}:"
                         f" {md.escape(problem.message)} [{problem.code}]{hint}")
        lines.append("")
    if result.versions:
        head = "| " + " | ".join((_("Version"), _("Clause"), _("Change"))) + " |"
        lines += ["### " + _("Changes"), "", head, "|---|---|---|"]
        for version in result.versions:
            lines += _detail_rows(version)
            if version.diff is None or not version.diff.changed:
                if not version.details:
                    status = _("file {status}").format(status=pgettext("file", version.status))
                    lines.append(f"| {md.code(version.version_id)} | | {status} |")
                continue
            for item in version.diff.changed:
                for line in change_lines(item):
                    lines.append(f"| {md.code(version.version_id)} | {md.code(item.id)} |"
                                 f" {md.escape(line)} |")
        lines.append("")
    if result.registry:
        lines += ["### " + _("Registry and bibliography (messages in English)"), ""]
        lines += [f"- {md.escape(line)}" for line in result.registry] + [""]
    lines += _other_sections(result)
    return _fit("\n".join(lines), limit)


def github(result: ReviewResult) -> str:
    notices = []
    for version in result.versions:
        if version.details:
            notices.append(workflow_command("notice", "; ".join(
                (f"{d.clause} · " if d.clause else "") + d.line for d in version.details),
                file=version.file, title=f"plandiff {version.version_id}"))
        if version.diff is None:
            continue
        for item in version.diff.changed:
            notices.append(workflow_command("notice", "; ".join(change_lines(item)),
                                            file=version.file, title=f"plandiff {item.id}"))
    if result.positions:
        notices.append(workflow_command("notice", "; ".join(result.positions),
                                        file="plans/positions.yaml", title="plandiff stances"))
    for change in result.other_files:
        notices.append(workflow_command("notice", f"{change.path} ({change.status})",
                                        file=change.path, title="plandiff file"))
    body = render_problems(result.problems, "github")
    return "\n".join(notices) + ("\n" if notices else "") + body
