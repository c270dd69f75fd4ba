"""Views of a History: terminal (with a bar chart), Markdown (with a Mermaid chart), JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.hidden_characters import make_visible
from plandiff.core.history import History, HistoryPoint, chart_bars, chart_series
from plandiff.core.models import dump
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text, known, values
from plandiff.render import markdown as md
from plandiff.render.json import value_json, version_info, witnesses_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

def value_text(loc: Locale, result: History, point: HistoryPoint) -> str:
    """The value at a point, saying where it is carried from when the version does not state it."""
    claims = point.claims
    if result.term is None:
        return ""
    if not claims:
        return loc._("not set")
    if len(claims) == 1 and not claims[0].known:
        return loc._("not reported since {version}").format(version=point.reported_in)
    if len(claims) == 1:
        text = values.reported(loc, values.value(loc, result.term, claims[0].value),
                               claims[0].hedged)
    else:
        parts = [f"{values.reported(loc, values.value(loc, result.term, c.value), c.hedged)}"
                 f" ({values.claim_sources(loc, c.sources, c.independent)})" for c in claims]
        text = loc._("disputed: {claims}").format(claims=" | ".join(parts))
    return text + values.carried(loc, point.carried_from)


def _witness_suffix(loc: Locale, point: HistoryPoint) -> str:
    """' (2 independent witnesses)' after the sources of a value that is not disputed (a
    disputed value gives each claim's count in its value)."""
    if len(point.claims) != 1 or not point.claims[0].known or not point.claims[0].independent:
        return ""
    return f" ({values.witness_note(loc, point.claims[0].independent)})"


def source_ids(point: HistoryPoint) -> list[str]:
    """The sources of a point: its value's claims', else the clause's or the removal's."""
    claimed = [s for c in point.claims for s in c.sources]
    return list(dict.fromkeys(claimed or point.sources))


def change_text(loc: Locale, result: History, point: HistoryPoint) -> str:
    if point.change is None:
        return "—"
    if point.change == "changed" and point.delta is not None and result.term is not None:
        return values.movement_text(loc, result.term, point.delta, point.percent)
    if result.kind == "term":  # of a value: Arabic agrees with «القيمة» (feminine)
        return {"same": loc.pgettext("value", "same"), "changed": loc.pgettext("value", "changed"),
                "set": loc.pgettext("value", "new"),
                "unset": loc.pgettext("value", "dropped")}[point.change]
    return {"same": loc._("same"), "changed": loc._("changed"), "set": loc._("new"),
            "unset": loc._("dropped")}[point.change]


def _point_number(loc: Locale, number: int | str) -> str:
    """A point's number in a line of facts: «§6» in Arabic (a bare 6 between a date and a state
    read as a count), in the line's digits."""
    return loc.digits_in(loc.pgettext("point number", "{number}").format(number=number))


def state_text(loc: Locale, point: HistoryPoint, *, of_value: bool = False) -> str:
    """Whether the version reports the clause (`of_value`: the term's value, which Arabic
    describes in the feminine)."""
    if point.state == "unreported":
        if of_value:
            return loc.pgettext("value", "unreported (from {version})").format(
                version=point.reported_in)
        return loc._("unreported (from {version})").format(version=point.reported_in)
    if point.state == "carried":
        return loc._("clause reported, value carried from {version}").format(
            version=point.reported_in)
    if of_value:
        return {"reported": loc.pgettext("value", "reported"),
                "unreported": loc.pgettext("value", "unreported"),
                "removed": loc.pgettext("value", "removed"),
                "absent": loc._("not in this version")}[point.state]
    return {"reported": loc._("reported"), "unreported": loc._("unreported"),
            "removed": loc._("removed"), "absent": loc._("not in this version")}[point.state]


def to_data(result: History) -> dict[str, Any]:
    points = []
    for point in result.points:
        item: dict[str, Any] = {
            "version": version_info(point.version), "state": point.state,
            "clause": point.clause_id, "reported_in": point.reported_in, "change": point.change,
        }
        if result.kind == "term":
            item["value"] = value_json(point.claims)
            item["value_is"] = (None if not point.claims else
                                "carried" if point.carried_from else "reported")
            item["stated_in"] = point.reported_in if point.claims else None
            item["sources"] = (list(point.claims[0].sources) if len(point.claims) == 1
                               else [] if point.claims else list(point.sources))  # a removal's
            single = point.claims[0] if len(point.claims) == 1 else None
            item["witnesses"] = (witnesses_json(single.independent, single.sources)
                                 if single is not None and single.independent is not None
                                 else None)  # a disputed value: in each claim
            item["hedged"] = bool(point.claims) and all(c.hedged for c in point.claims)
            item["delta"], item["percent"] = point.delta, point.percent
        else:
            item["text"], item["number"] = point.text, point.number
            item["sources"] = list(point.sources)
        item["first_reported"] = known.first_json(point.first_reported)
        points.append(item)
    data: dict[str, Any] = {"format": "plandiff.history/1", "kind": result.kind,
                            "subject": result.subject, "label": result.label, "points": points}
    if result.term is not None:
        data["term"] = dump(result.term, json=True, exclude_none=True,
                                   exclude={"translations"})
    return data


def render_json(result: History, *, loc: Locale = ENGLISH) -> str:
    return json_text.dumps(to_data(result), indent=2, default=str) + "\n"


def mermaid(loc: Locale, result: History) -> list[str]:
    bars = chart_series(result)
    if not result.numeric or not bars:
        return []
    unit = (result.term.unit or result.term.currency or "") if result.term else ""
    top = max(value for _, value in bars)
    # Mermaid reads Western digits only; the words are in the language.
    axis = ENGLISH.number(float(f"{top * 1.1:.6g}"))  # a computed bound: six figures
    if result.term is not None and result.term.unit:
        unit = loc.plain(*loc.unit_of(result.term))
    bars = [(label.replace(" (carried)", " " + loc._("(carried)")), value)
            for label, value in bars]
    title, unit = md.escape(_label(loc, result), mermaid=True), md.escape(unit, mermaid=True)
    labels = ", ".join(f'"{md.escape(label, mermaid=True)}"' for label, _v in bars)
    return ["```mermaid", "xychart-beta", f'    title "{title}"', f"    x-axis [{labels}]",
            f'    y-axis "{unit}" 0 --> {axis}'.replace(",", ""),
            f"    bar [{', '.join(str(v) for _, v in bars)}]", "```", ""]


def _parent(point: HistoryPoint) -> str:
    return md.code(point.version.parent) if point.version.parent else "—"


def _label(loc: Locale, result: History) -> str:
    """The subject's label in the language: a term's translation, a clause's English title
    marked (a history carries the English title only)."""
    if result.term is not None:
        return loc.plain(*loc.label_of(result.term, result.label))
    if result.label == result.subject:
        return result.label
    titled = [p.clause for p in result.points if p.clause is not None and p.clause.title]
    if titled and not loc.english:  # the latest title, in the language where it has one
        return loc.plain_field(titled[-1], "title")
    return loc.in_english(result.label)


def _date(loc: Locale, point: HistoryPoint) -> str:
    return loc.date(point.version.date)


def _text(loc: Locale, text: str | None) -> str | None:
    """A clause's text at a point: English, marked as such in another language."""
    return loc.in_english(text) if text else text


def _point_text(loc: Locale, point: HistoryPoint) -> str | None:
    """A clause's text at a point in the language: its translation, else the English marked."""
    if point.clause is not None and point.text and not loc.english:
        return loc.plain_field(point.clause, "text")
    return _text(loc, point.text)


def _markdown_text(loc: Locale, result: History, point: HistoryPoint) -> str | None:
    """The Markdown cell: the word diff from the parent (in the language where both sides have
    a translation), else the text; English marked in another language."""
    if point.clause is not None and point.text and not loc.english:
        text, ok = loc.field(point.clause, "text")
        parent = next((p for p in result.points if p.version.id == point.version.parent), None)
        before = (loc.field(parent.clause, "text") if parent is not None
                  and parent.clause is not None and parent.text else (None, False))
        if ok and text:
            if point.text_change is not None and before[1] and before[0]:
                from plandiff.core.diff import diff_text

                change = diff_text(before[0], text)
                if change is not None:
                    return md.words(change)
            return md.escape(text)
    text = md.words(point.text_change) if point.text_change else md.escape(point.text)
    return md.in_english(loc, text) if text else text


def render_markdown(result: History, *, lineage_beside: bool = False,
                    loc: Locale = ENGLISH) -> str:
    """`lineage_beside`: a Parent column, for points in date order."""
    if lineage_beside:
        return _with_parent_column(loc, render_markdown(result, loc=loc), result)
    label = md.escape(_label(loc, result))
    title = (loc._("Term history: {label}") if result.kind == "term"
             else loc._("Clause history: {title}")).format(label=label, title=label)
    lines = [f"# {title} ({md.code(result.subject)})", ""]
    lines += mermaid(loc, result)
    if result.kind == "term":
        head = [loc._("Version"), loc._("Date"), loc._("Value"), loc._("Change from parent"),
                loc._("State"),
                loc._("Sources"), loc._("First reported")]
    else:
        head = [loc._("Version"), loc._("Date"), "§", loc._("Text"), loc._("Change from parent"),
                loc._("State"), loc._("Sources"), loc._("First reported")]
    lines += ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    comma = loc._(", ")
    for point in result.points:
        if result.kind == "term":
            sources = comma.join(md.code(s) for s in source_ids(point))
            sources += _witness_suffix(loc, point)
            cells = [md.escape(value_text(loc, result, point)),
                     md.escape(change_text(loc, result, point)),
                     md.escape(state_text(loc, point, of_value=True)), sources or "—"]
        else:
            text = _markdown_text(loc, result, point)
            number = md.escape(str(point.number)) if point.number is not None else ""
            cells = [number, text or "—", md.escape(change_text(loc, result, point)),
                     md.escape(state_text(loc, point)),
                     comma.join(md.code(s) for s in source_ids(point)) or "—"]
        cells.append(md.escape(known.first_cell(point.first_reported, loc)))
        lines.append(f"| {md.code(point.version.id)} | {_date(loc, point)} | " + " | ".join(cells)
                     + " |")
    return "\n".join(lines) + "\n"


def _with_parent_column(loc: Locale, text: str, result: History) -> str:
    """The history's table with a Parent column after the version's."""
    lines = text.split("\n")
    version = "| " + loc._("Version") + " |"
    start = next(i for i, line in enumerate(lines) if line.startswith(version))
    lines[start] = lines[start].replace(version, version + " " + loc._("Parent") + " |", 1)
    lines[start + 1] = "|---" + lines[start + 1]
    for offset, point in enumerate(result.points):
        row = lines[start + 2 + offset]
        cut = row.index(" |", 2)
        lines[start + 2 + offset] = f"{row[:cut]} | {_parent(point)}{row[cut:]}"
    return "\n".join(lines)


# Holds an Arabic word to the Latin id after it («النسخة geneva») while a line is wrapped, so that
# no wrapped line begins with the id: a bidi terminal lays such a line out left to right.
_GLUE = "\ue000"


def _strong(text: str, *, last: bool = False) -> str | None:
    """'L' or 'R' by the first (or last) strong character of `text`."""
    import unicodedata

    for char in reversed(text) if last else text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def _glued(text: str) -> str:
    """`text` with each Arabic word joined by `_GLUE` to a Latin word that follows it."""
    words = text.split(" ")
    out = words[:1]
    for word in words[1:]:
        if _strong(out[-1], last=True) == "R" and _strong(word) == "L":
            out[-1] += _GLUE + word
        else:
            out.append(word)
    return " ".join(out)


def _facts(head: list[str], row: list[str], long: list[int],
           parent: int | None) -> tuple[str, str]:
    """A block's first line: its short facts, the first (the version) to be bold, the parent
    labelled (it has no header), Arabic words glued to the ids after them."""
    facts = [f"{head[i]}: {cell}" if i == parent else cell for i, cell in enumerate(row)
             if i not in long and cell]
    return _glued(facts[0]), _glued("  " + "  ".join(facts[1:]))


def _blocks(loc: Locale, console: Console, head: list[str], rows: list[list[str]],
            dim: list[bool], states: list[bool], *, long: list[int], parent: int | None) -> None:
    """One block a version: the short facts on one line, then the `long` columns (the value or
    text, the sources, when the value was first reported), each labelled and wrapped at the
    console's width with a hanging indent. Written plainly where rich would write the same
    bytes (`_plain_blocks`), by rich otherwise."""
    from plandiff.render.styled import PlainConsole, Styled

    if isinstance(console, PlainConsole):
        lines = _plain_blocks(head, rows, states, long=long, parent=parent, width=console.width)
        if lines is not None:
            for line in lines:
                console.print(Styled(line))
            return
    from rich.cells import cell_len
    from rich.text import Text

    labels = {i: head[i] + ":" for i in long}
    indent = max(cell_len(label) for label in labels.values()) + 3  # "  sources: "
    for row, faint, absent in zip(rows, dim, states, strict=True):
        first, rest = _facts(head, row, long, parent)
        style = "dim" if faint else ""
        line = Text(first, style="bold") + Text(rest)
        if _GLUE not in line.plain:
            console.print(line, style=style, soft_wrap=False, overflow="fold")
        else:  # wrapped here, so that the glue can be undone
            for piece in line.wrap(console, console.width, overflow="fold"):
                piece.plain = piece.plain.replace(_GLUE, " ")
                piece.rstrip()
                console.print(piece, style=style, soft_wrap=True)
        if absent and not row[long[1]]:
            continue  # not in this version: nothing to say under it
        for lead, part in _long_lines(head, row, long, indent, console.width, cell_len):
            console.print(Text(lead + part), style=style, soft_wrap=True)


def _long_lines(head: list[str], row: list[str], long: list[int], indent: int, width: int,
                cell_len: Callable[[str], int]) -> list[tuple[str, str]]:
    """The labelled lines of a block's `long` columns: a label (or the hanging indent), and a
    part of the column's text."""
    import textwrap

    lines = []
    for n, i in enumerate(long):
        if n > 1 and row[i] in ("", "—"):
            continue  # a first report not known: the line says nothing
        label = head[i] + ":"
        # Wrapped by code points, never fewer than the cells they take (combining marks
        # take none), so that no line is wider than the console.
        wrapped = [part.replace(_GLUE, " ") for part in textwrap.wrap(
            _glued(row[i] or "—"), max(width - indent, 20), break_on_hyphens=False)] or ["—"]
        for k, part in enumerate(wrapped):
            lead = "  " + label + " " * (indent - 2 - cell_len(label)) if k == 0 \
                else " " * indent
            lines.append((lead, part))
    return lines


def _plain_blocks(head: list[str], rows: list[list[str]], states: list[bool], *,
                  long: list[int], parent: int | None, width: int) -> list[str] | None:
    """The lines `_blocks` has rich print, without colour: None unless every character's width
    is known without rich and rich would write it as it is (render/cells.py)."""
    from plandiff.render.cells import fold, known_width

    if any(known_width(cell) is None for cell in (*head, *(c for row in rows for c in row))):
        return None
    indent = max(known_width(head[i] + ":") or 0 for i in long) + 3
    lines: list[str] = []
    for row, absent in zip(rows, states, strict=True):
        first, rest = _facts(head, row, long, parent)
        pieces = fold(first + rest, width)
        if pieces is None:
            return None
        if _GLUE in first + rest:  # rich's lines, the glue undone and their ends trimmed
            pieces = [piece.replace(_GLUE, " ").rstrip() for piece in pieces]
        lines += pieces
        if absent and not row[long[1]]:
            continue
        lines += [lead + part for lead, part in _long_lines(
            head, row, long, indent, width, lambda text: known_width(text) or 0)]
    return lines


def _bars(loc: Locale, result: History, width: int = 32) -> list[tuple[str, str, str]]:
    bars = chart_bars(result)
    if not bars or result.term is None:
        return []
    top = max(value for _, value, _ in bars) or 1
    eighths = " ▏▎▍▌▋▊▉█"
    rows = []
    for label, value, hedged in bars:
        cells = value / top * width
        full = int(cells)
        bar = "█" * full + (eighths[int((cells - full) * 8)] if full < width else "")
        # "(carried)" in the language; a label opens with a word of it, so that an Arabic line
        # reads right to left in a terminal that lays out bidi text.
        label = loc.pgettext("chart", "{version}").format(
            version=label.replace(" (carried)", " " + loc._("(carried)")))
        rows.append((label, bar.rstrip(),
                     values.reported(loc, values.value(loc, result.term, value), hedged)))
    return rows


def render_terminal(result: History, console: Console, *,
                    lineage_beside: bool = False, loc: Locale = ENGLISH) -> None:
    """`lineage_beside`: a parent column, for points in date order. A table when each row fits
    the console on one line; else one block a version (its facts on a line, then the value or
    the text and the sources, wrapped under it): a table of folded cells ran to five lines a row
    at 100 columns."""
    from plandiff.render.styled import Columns, Styled, cell_width

    console.print(Styled(f"{_label(loc, result)} ({result.subject})", style="bold"))
    term = result.kind == "term"
    head = [loc._("version"), *((loc._("parent"),) if lineage_beside else ()), loc._("date"),
            *(() if term else ("§",)), loc._("value") if term else loc._("text"),
            loc._("change"), loc._("state"), loc._("sources"),
            *((loc._("first reported"),) if term else ())]
    rows = []
    for point in result.points:
        sources = values.id_list(loc, source_ids(point)) + _witness_suffix(loc, point)
        body = (value_text(loc, result, point) if term
                else " ".join((_point_text(loc, point) or "—").split()))
        # A row opens with a word of the language («النسخة v28»): a bidi terminal lays out a
        # line that begins with a Latin id left to right.
        rows.append([loc.pgettext("version row", "{version}").format(version=point.version.id),
                     *((point.version.parent or "—",) if lineage_beside else ()),
                     _date(loc, point), *(() if term else ("" if point.number is None
                                                           else _point_number(loc, point.number),)),
                     # a version without the clause: its state says so («لم يَرِد في هذه
                     # النسخة»), a dash before it says nothing in Arabic
                     body, "" if point.state == "absent" and not loc.english
                     else change_text(loc, result, point),
                     state_text(loc, point, of_value=bool(term)), sources,
                     *((make_visible(known.first_cell(point.first_reported, loc)),) if term
                       else ())])
    dim = ("unreported", "carried", "absent") if term else ("unreported", "absent")
    widths = [max(cell_width(row[i]) for row in [head, *rows]) for i in range(len(head))]
    if sum(widths) + 2 * (len(head) - 1) <= console.width:
        table = Columns()  # rich's Table, or the same lines written plainly
        for column in head:
            table.add_column(column, no_wrap=True)
        for point, row in zip(result.points, rows, strict=True):
            table.add_row(*row, style="dim" if point.state in dim else None)
        console.print(table)
    else:
        _blocks(loc, console, head, rows, [point.state in dim for point in result.points],
                [point.state == "absent" for point in result.points],
                long=[head.index(loc._("value") if term else loc._("text")),
                      head.index(loc._("sources")), *((len(head) - 1,) if term else ())],
                parent=1 if lineage_beside else None)
    bars = _bars(loc, result)
    if bars:
        console.print()
        width = max(len(label) for label, _, _ in bars)
        for label, bar, shown in bars:
            console.print(Styled(f"{label.ljust(width)}  ") + Styled(bar, style="cyan")
                          + Styled(f" {shown}"))
