"""Terminal view of a PlanDiff: a one-line summary first, then each changed clause (Styled lines:
printed by rich when colour is on, written as they are when rich would write them so)."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from plandiff.core.hidden_characters import make_visible
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import main_changes, values
from plandiff.render.cited import carried_sources, side_sources
from plandiff.render.styled import Styled

if TYPE_CHECKING:
    from rich.console import Console

    from plandiff.core.diff import ClauseDiff, PlanDiff, TextChange

_MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "modified": ("~", "yellow"),
          "renamed": ("→", "cyan"), "renumbered": ("#", "blue"), "unchanged": ("=", "dim"),
          "unreported": ("?", "dim")}


def make_console(*, width: int | None = None, color: bool | None = None,
                 file: IO[str] | None = None) -> Console:
    """A rich console that honours NO_COLOR and turns colour off when not writing to a terminal
    (render/console.make_console)."""
    from plandiff.render.console import make_console as rich_console

    return rich_console(width=width, color=color, file=file)


def summary_line(loc: Locale, result: PlanDiff) -> Styled:
    line = Styled()
    line.append(loc._("{base} → {head}: ").format(base=result.base.id, head=result.head.id),
                style="bold")
    parts = []
    for kind, count in result.summary.items():
        style = _MARKS[kind][1] if count else "dim"
        parts.append(Styled(loc._("{count} {kind}").format(
            count=values.count(loc, count), kind=loc.pgettext("summary", kind)), style=style))
    line += Styled(loc._(", ")).join(parts)
    kept = values.kept_summary(loc, result)
    if kept:
        line.append(loc._("; ") + kept, style="dim")
    return line


def _words(change: TextChange) -> Styled:
    text = Styled()
    for op in change.ops:
        if text:
            text.append(" ")
        if op.op == "equal":
            text.append(make_visible(op.old))
            continue
        # [-old-]{+new+} as wdiff writes it, so the change shows without colour too.
        if op.old:
            text.append(f"[-{make_visible(op.old)}-]", style="red strike")
        if op.old and op.new:
            text.append(" ")
        if op.new:
            text.append(f"{{+{make_visible(op.new)}+}}", style="green")
    return text


def _clause(loc: Locale, item: ClauseDiff, indent: str = "    ", *,
            show_all: bool = False) -> list[Styled]:
    mark, style = _MARKS[item.change]
    head = Styled(f"{mark} ", style=f"bold {style}")
    head.append(loc.pgettext("clause", "{id}").format(id=item.id), style="bold")
    if item.title:
        head.append(f"  {loc.plain(*clause_title(loc, item))}")
    # a point's number in the line's digits (ids keep theirs)
    old_number, new_number = (None if n is None else loc.digits_in(str(n)) for n in item.number)
    if item.change in ("added", "removed"):
        number = new_number if item.change == "added" else old_number
        if number is not None:
            head.append(f"  §{number}", style="dim")
    elif old_number != new_number and old_number is not None and new_number is not None:
        head.append(f"  §{'?' if old_number is None else old_number} → "
                    f"§{'?' if new_number is None else new_number}", style="dim")
    elif new_number is not None:
        head.append(f"  §{new_number}", style="dim")
    elif old_number is not None:  # the head gives no number: the base's, and it says so
        head.append("  " + loc._("§{number} (in {version})").format(
            number=old_number, version=item.reported_in[0]), style="dim")
    head.append("  " + loc.pgettext("change", item.change), style=style)
    lines = [head]
    if item.old_id:
        lines.append(Styled(indent + loc._("renamed from {id}").format(id=item.old_id),
                            style="cyan"))
    # A removed clause takes its terms with it; listing each as "no longer set" would be noise.
    for term in item.terms if item.change != "removed" else ():
        lines.append(Styled(indent) + Styled(make_visible(values.term_line(loc, term)),
                                             style="bold"))
    for term in values.kept_shown(item, show_all=show_all):
        lines.append(Styled(indent) + Styled(make_visible(values.term_line(loc, term)),
                                             style="dim"))
    text_change, text_ok = clause_text_change(loc, item)
    if text_change is not None:
        label = loc._("text (cosmetic)") if text_change.cosmetic else loc._("text")
        badge = "" if text_ok else f"{loc.badge()} "
        lines.append(Styled(f"{indent}{label}: {badge}") + _words(text_change))
        for shift in item.text.obligation if item.text is not None else ():
            lines.append(Styled(indent + loc._("! obligation {shift}").format(shift=shift),
                              style="bold magenta"))
    elif item.change == "added" and item.new is not None and item.new.clause.text:
        shown = make_visible(loc.plain_field(item.new.clause, "text"))
        lines.append(Styled(indent + loc._("text: {text}").format(text=shown), style="green"))
    elif item.change == "removed" and item.old is not None and item.old.clause.text:
        shown = make_visible(loc.plain_field(item.old.clause, "text"))
        lines.append(Styled(indent + loc._("was: {text}").format(text=shown), style="red"))
    lines.append(Styled(indent + loc._("sources: {sources}").format(
        sources=make_visible(_sources(loc, item, show_all=show_all))), style="dim"))
    return lines


def _sources(loc: Locale, item: ClauseDiff, *, show_all: bool = False) -> str:
    line = _clause_sources(loc, item)
    shown = [*item.terms, *values.kept_shown(item, show_all=show_all)]
    comma, none = loc._(", "), loc._("none")
    carried = [loc.pgettext("sources", "{sources} ({version})").format(
        sources=comma.join(sources) or none, version=version)
        for version, sources in carried_sources(shown).items()]
    return line + (loc._("; carried values: {sources}").format(sources=loc._(", ").join(carried))
                   if carried else "")


def _clause_sources(loc: Locale, item: ClauseDiff) -> str:
    old_ids, new_ids = side_sources(item)  # disputed claims' sources too
    old = loc._(", ").join(old_ids) or loc._("none")
    new = loc._(", ").join(new_ids) or loc._("none")
    old_in, new_in = item.reported_in
    if item.change == "removed" and item.new is None:
        return loc._("absent from the full text of the head (was cited to {sources})").format(
            sources=old)
    if item.change == "removed":
        return loc.ngettext("removal reported by {sources} (in {version})",
                            "removal reported by {sources} (in {version})",
                            len(new_ids)).format(sources=new, version=new_in)
    if item.change == "added":
        return new
    if old == new and old_in == new_in:
        return loc.pgettext("sources", "{sources} ({version})").format(sources=new,
                                                                       version=new_in)
    return loc._("{old} ({old_in}) → {new} ({new_in})").format(old=old, old_in=old_in, new=new,
                                                            new_in=new_in)


def clause_title(loc: Locale, item: ClauseDiff) -> tuple[str | None, bool]:
    """The clause's title in the active language (the head's side, else the base's: a removal
    gives none), the English marked (False) where neither side has a rendering."""
    if not item.title:
        return item.title, True
    for side in (item.new, item.old):
        if side is not None and side.clause.title:
            return loc.field(side.clause, "title")
    return item.title, loc.english


def clause_text_change(loc: Locale, item: ClauseDiff) -> tuple[TextChange | None, bool]:
    """The word diff to show: of the translations where both sides have one, else the
    English (False: to be badged) — plandiff.translations.translated_text_change."""
    if item.text is None or loc.english:
        return item.text, True
    from plandiff.core.translations import translated_text_change

    old = item.old.clause if item.old is not None else None
    new = item.new.clause if item.new is not None else None
    shown, ok = translated_text_change(old, new, loc.lang)
    if shown is None:
        return item.text, False
    return _own_digits(loc, shown), ok


def _own_digits(loc: Locale, change: TextChange) -> TextChange:
    """A translated text speaks the edition's digits, as the translation itself does everywhere
    else (one digit system per line: «النقاط الـ٢٨» beside «٢٠ نوفمبر»)."""
    if loc.digits_in("0") == "0":
        return change
    from plandiff.core.diff import WordOp
    from plandiff.core.records import replace

    def own(text: str | None) -> str | None:
        return loc.digits_in(text) if text else text

    return replace(change, old=own(change.old), new=own(change.new),
                   ops=tuple(WordOp(op.op, loc.digits_in(op.old), loc.digits_in(op.new))
                             for op in change.ops))


def render(result: PlanDiff, console: Console | Any, *, show_all: bool = False,
           loc: Locale = ENGLISH, top: int = main_changes.TOP) -> None:
    """The diff on `console` (rich's, or render/styled's PlainConsole), in the language of `loc`
    (the diff carries its term names)."""
    loc = loc.with_terms(result.terms, result.positions)
    console.print(summary_line(loc, result))
    console.print(Styled("  " + loc._("base  {version}").format(
        version=values.version_line(loc, result.base)), style="dim"))
    console.print(Styled("  " + loc._("head  {version}").format(
        version=values.version_line(loc, result.head)), style="dim"))
    main_changes.terminal(loc, result, console, top)
    changed = result.changed
    blank = Styled("")
    # One print for many lines: rich's cost is mostly per call (it asks the terminal each time).
    batch: list[Styled] = []
    for item in changed:
        batch += [blank, *_clause(loc, item, show_all=show_all)]
        if len(batch) > 500:
            console.print(*batch, sep="\n")
            batch = []
    if batch:
        console.print(*batch, sep="\n")
    if result.stances:  # the stance section's module, only for a diff that has one
        from plandiff.render import positions

        positions.diff_terminal(loc, result, console)
    hidden = [c for c in result.clauses if c.change in ("unchanged", "unreported")]
    if not hidden:
        return
    console.print()
    if show_all:
        for item in hidden:
            mark, style = _MARKS[item.change]
            line = Styled(f"{mark} {item.id}", style=style)
            if item.title:
                line.append(f"  {loc.plain(*clause_title(loc, item))}", style=style)
            last = item.reported_in[1] or item.reported_in[0]
            extra = ("  " + loc._("(last reported in {version})").format(version=last)
                     if item.change == "unreported" else "")
            line.append("  " + loc.pgettext("change", item.change) + extra, style=style)
            console.print(line)
            for term in values.kept_shown(item, show_all=True):
                console.print(Styled("    " + make_visible(values.term_line(loc, term)),
                                   style="dim"))
    else:
        counts = result.summary
        console.print(Styled(loc._("{unchanged} unchanged and {unreported} unreported clauses not"
                                 " shown (use --all to list them)").format(
            unchanged=values.count(loc, counts["unchanged"]),
            unreported=values.count(loc, counts["unreported"])), style="dim"))
