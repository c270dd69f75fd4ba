"""Pure: turn the points of an imported text into a draft version, aligned with its parent.

The draft keeps every decision a person must review next to it: weak matches, new clauses,
values that could not be read, clauses that the text leaves out. Nothing is guessed: what the
text does not say is either carried over from the parent and marked, or left for the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from plandiff.core.lineage import ancestors
from plandiff.core.models import Coverage, Disputed, Model, NoLongerKnown, Plan, dump
from plandiff.core.quote_normalization import normalize, quote_occurs
from plandiff.core.records import field, record
from plandiff.core.resolve import ResolvedVersion
from plandiff.importer.align import STOPWORDS, Alignment, Candidate, Item, align
from plandiff.importer.concepts import concepts_in
from plandiff.importer.extract import read_terms, term_kind, text_kinds
from plandiff.importer.numbers import find_values
from plandiff.importer.points import ParsedText, Point

MAX_QUOTE = 300  # a longer point is quoted by its first sentence
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@record
class ImportOptions:
    version_id: str
    parent: str
    title: str | None = None
    date: dt.date | None = None
    partial: bool = True  # --full makes it False
    outlet: str | None = None  # of a new source
    source_date: dt.date | None = None  # of a new source; else read from the text
    source_id: str | None = None  # the source every clause cites
    folder: bool = False  # write a version folder (plans/ID/) rather than plans/ID.yaml
    today: dt.date = field(default_factory=dt.date.today)


@record(frozen=False)
class DraftClause:
    id: str
    number: int | str | None = None
    title: str | None = None
    text: str | None = None
    terms: dict[str, Any] = field(default_factory=dict)
    cites: list[dict[str, Any]] = field(default_factory=list)
    removed: bool = False
    review: list[str] = field(default_factory=list)  # for the reviewer, above the clause
    term_review: dict[str, str] = field(default_factory=dict)  # by term id


@record
class Row:
    """One line of the alignment table."""

    point: int | str | None  # the point's number; None for a parent clause no point continues
    clause: str
    score: float | None
    status: str  # match | weak | close | new | removed | left out
    closest: str | None = None  # for a new clause: the parent clause that came closest; for a
    # weak or close match: the runner-up, when it comes close
    drafted_as: str | None = None  # a weak match: the new id the draft gives it until accepted


@record(frozen=False)
class Draft:
    header: dict[str, Any]  # id, title, date, parent, coverage, status, parties, summary
    header_review: dict[str, str]
    clauses: list[DraftClause]
    rows: list[Row]
    alignment: Alignment

    def review_items(self) -> list[str]:
        """What the reviewer must settle, one line each."""
        items = [f"`{key}`: {note}" for key, note in self.header_review.items()]
        for clause in self.clauses:
            items += [f"clause `{clause.id}`: {note}" for note in clause.review]
            items += [f"clause `{clause.id}`, term `{term}`: {note}"
                      for term, note in clause.term_review.items()]
        return items


def candidates(plan: Plan, parent: ResolvedVersion) -> list[Candidate]:
    """The parent's live clauses, with their older wordings (texts and quotes, in the parent and
    its ancestors) and the kinds of their terms."""
    lineage = [parent.id, *ancestors(plan, parent.id)]
    found = []
    for clause in parent.live():
        history: list[str] = []
        for version_id in lineage:
            version = plan.versions.get(version_id)
            for old in version.clauses if version else ():
                if old.id not in clause.identities:
                    continue
                # Its texts, and the words its sources used (which may be in another language).
                for wording in (old.text, *(c.quote for c in old.cites)):
                    if wording and wording not in history:
                        history.append(wording)
        kinds = {term_kind(plan.terms[t]) for t in clause.clause.terms if t in plan.terms}
        found.append(Candidate(clause.id, clause.clause.text or "", clause.clause.title,
                               clause.clause.number, tuple(history),
                               frozenset(k for k in kinds if k)))
    return found


def slug(words: str, number: int | str | None, taken: set[str]) -> str:
    """A new clause id from the first content words of its text; for a text in another script,
    from the concepts of the lexicon it names ("ceasefire"); unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    kept = [w for w in re.findall(r"[a-z0-9]+", ascii_text.replace("'s", ""))
            if w not in STOPWORDS and not w.isdigit() and len(w) > 1]
    concepts = concepts_in(words, STOPWORDS, parties=False)[:3]  # "ukraine" would say nothing
    base = ("-".join(kept[:4]) or "-".join(concepts))[:48].strip("-")
    base = base or f"point-{number if number is not None else 'x'}"
    base = re.sub(r"[^a-z0-9-]", "-", base)
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    taken.add(candidate)
    return candidate


def quote_for(point: Point, normalized_source: str | None) -> str | None:
    """The point's own words as a quote that occurs in the source: the whole point when short,
    else its first sentence that occurs; None when none does."""
    sentences = [s for s in _SENTENCE_END.split(point.text) if s.strip()]
    options = ([point.text] if len(point.text) <= MAX_QUOTE else []) + sentences
    for option in options:
        if normalized_source is None or quote_occurs(option, normalized_source):
            return option
    return None


def list_positions(numbers: list[int | str], parent: ResolvedVersion) -> bool:
    """True when a text's point numbers are only the positions of its own list: 1, 2, ... N
    without a gap, and fewer points than the parent has numbered clauses."""
    numbered = sum(1 for c in parent.live() if c.clause.number is not None)
    return numbers == list(range(1, len(numbers) + 1)) and len(numbers) < numbered


def items_of(points: list[Point], parent: ResolvedVersion, *,
             partial: bool) -> tuple[list[Item], bool]:
    """The points as the aligner sees them, and whether their numbers only count the text's own
    list: a report of some points numbered 1..N numbers its list, not the plan, so those numbers
    are neither a hint for the alignment nor the clauses' numbers (they would read as
    renumberings)."""
    own_list = partial and list_positions([p.number for p in points], parent)
    return [Item(p.text, p.title, None if own_list else p.number, text_kinds(p.text))
            for p in points], own_list


def build(parsed: ParsedText, plan: Plan, parent: ResolvedVersion, options: ImportOptions, *,
          source_text: str | None, source_has_file: bool) -> Draft:
    """The draft version of `parsed` against `parent`."""
    pool = candidates(plan, parent)
    partial = options.partial
    items, own_list = items_of(parsed.points, parent, partial=partial)
    alignment = align(items, pool)
    normalized = normalize(source_text) if source_text is not None and source_has_file else None
    taken = {c.id for c in parent.clauses.values()}
    clauses: list[DraftClause] = []
    rows: list[Row] = []
    weakly: list[tuple[str, int | str | None]] = []  # (parent clause, the point that may go on)
    for point, match in zip(parsed.points, alignment.matches, strict=True):
        if match.clause is not None and match.weak:
            # Under the matched id, accepting the draft would replace that clause's text with a
            # point that may be another clause: it takes a new id until a person says it goes on.
            previous = parent.clauses[match.clause].clause
            clause = DraftClause(slug(point.title or point.text, point.number, taken),
                                 None if own_list else point.number, point.title, point.text)
            if own_list:
                clause.review.append(f"the text lists this as its point {point.number}: give"
                                     " `number:` if that is the plan's own numbering")
            clause.review.append(
                f"weak match with `{match.clause}` (score {match.score:g}): a new clause until"
                f" you accept the match; if it continues `{match.clause}`, set `id:"
                f" {match.clause}` (its text then replaces that clause's)"
                + ("" if partial else " and delete that clause's `removed` entry"))
            _read_stated_terms(clause, plan, previous.terms)
            rows.append(Row(point.number, match.clause, match.score, "weak",
                            match.runner_up if match.close else None, drafted_as=clause.id))
            weakly.append((match.clause, point.number))
        elif match.clause is not None:
            previous = parent.clauses[match.clause].clause
            clause = DraftClause(match.clause, None if own_list else point.number, point.title,
                                 point.text)
            if own_list:
                clause.review.append(f"the text lists this as its point {point.number}: give"
                                     " `number:` if that is the plan's own numbering")
            rival = ""
            if match.close:  # the runner-up may score higher, when a better pair took it
                rival = (f", `{match.runner_up}` close behind ({match.runner_up_score:g})"
                         if match.runner_up_score <= match.score else
                         f", `{match.runner_up}` scores higher ({match.runner_up_score:g}) but"
                         " went to another point")
            if match.close:
                clause.review.append(f"close call: `{match.clause}` ({match.score:g}){rival}:"
                                     " confirm which clause it continues, or give it a new id")
            _fill_terms(clause, plan, previous.terms, parent.id, partial=partial)
            status = "close" if match.close else "match"
            rows.append(Row(point.number, match.clause, match.score, status,
                            match.runner_up if match.close else None))
        else:
            clause = DraftClause(slug(point.title or point.text, point.number, taken),
                                 None if own_list else point.number, point.title, point.text)
            closest = (f" (closest: `{match.best}`, score {match.score:g})"
                       if match.best else "")
            clause.review.append(f"new clause{closest}: check its id; add a title and a topic")
            found, unreadable = find_values(point.text)
            shown = ", ".join(repr(f.text) for f in found if f.kind != "number")
            if shown:
                clause.review.append(f"the text gives {shown}: add a term from terms.yaml"
                                     " if one fits")
            for item in unreadable:
                clause.review.append(f"the text says {item.text!r}, which plandiff cannot"
                                     " read: give the value if a term needs it")
            rows.append(Row(point.number, clause.id, match.score, "new", match.best))
        if options.source_id is not None:
            quote = quote_for(point, normalized)
            cite: dict[str, Any] = {"source": options.source_id}
            if quote is not None:
                cite["quote"] = quote
            else:
                clause.review.append("no verbatim quote found in the source: add one")
            clause.cites.append(cite)
        clauses.append(clause)
    for clause_id, number in weakly if not partial else ():
        # A full version drops what it does not list: the clause stays, marked, until the weak
        # match is accepted or the drop confirmed.
        gone = DraftClause(clause_id, removed=True)
        gone.review.append(f"point {number} may continue this clause (a weak match): to accept"
                           f" it, give that point `id: {clause_id}` and delete this entry; else"
                           " confirm the drop")
        if options.source_id is not None:
            gone.cites.append({"source": options.source_id,
                               "note": "Not among the points of this text."})
        clauses.append(gone)
    for clause_id in alignment.unmatched:
        if partial:
            rows.append(Row(None, clause_id, None, "left out"))
            continue
        rows.append(Row(None, clause_id, None, "removed"))
        gone = DraftClause(clause_id, removed=True)
        gone.review.append("no point of the text continues this clause: confirm the drop, or"
                           " give a point this id")
        if options.source_id is not None:
            gone.cites.append({"source": options.source_id,
                               "note": "Not among the points of this text."})
        clauses.append(gone)
    header, header_review = _header(parsed, plan, options)
    return Draft(header, header_review, clauses, rows, alignment)


def _fill_terms(clause: DraftClause, plan: Plan, previous: dict[str, Any], parent_id: str, *,
                partial: bool) -> None:
    """Read the terms of the parent's clause from the point's text. The draft restates the
    clause (its text is the point's), so every term it does not state is named for review: in a
    partial version it is carried from the parent, which the reviewer confirms, restates or marks
    `{unknown: why}`; in a full one it is kept (a choice, flag or text) or left out."""
    known = {t: plan.terms[t] for t in previous if t in plan.terms}
    reading = read_terms(clause.text or "", known)
    for term_id in previous:
        if term_id in reading.values:
            clause.terms[term_id] = reading.values[term_id]
            if term_id in reading.notes:
                clause.term_review[term_id] = reading.notes[term_id]
            continue
        term = plan.terms.get(term_id)
        kind = term.type.value if term is not None else "term"
        unread = term_id in reading.unread
        reason = reading.notes.get(term_id) or (
            f"a {kind} is not read from the text" if unread else "the text gives no value for it")
        if partial:
            label = f" ({term.label})" if term is not None else ""
            clause.review.append(
                f"term `{term_id}`{label}: {reason}; carried from `{parent_id}`"
                f" ({_shown(previous[term_id])}): confirm, restate or mark `{{unknown: why}}`")
        elif unread:
            value = previous[term_id]
            clause.terms[term_id] = (dump(value, exclude_none=True)
                                     if isinstance(value, Model) else value)
            clause.term_review[term_id] = (f"kept from `{parent_id}`: {reason}; confirm or"
                                           " change it")
        else:
            clause.review.append(f"term `{term_id}`: {reason}; left out; it was set in"
                                 f" `{parent_id}`")
    if reading.leftovers:
        shown = ", ".join(repr(f.text) for f in reading.leftovers)
        clause.review.append(f"the text also gives {shown}: add a term if one fits")


def _read_stated_terms(clause: DraftClause, plan: Plan, previous: dict[str, Any]) -> None:
    """The terms of the weakly matched clause that the point's text itself states: nothing is
    carried into a clause that may be another one."""
    known = {t: plan.terms[t] for t in previous if t in plan.terms}
    reading = read_terms(clause.text or "", known)
    for term_id, value in reading.values.items():
        clause.terms[term_id] = value
        if term_id in reading.notes:
            clause.term_review[term_id] = reading.notes[term_id]


def _shown(value: Any) -> str:
    """A carried value in a review comment, in brief."""
    if isinstance(value, Disputed):
        return "disputed: " + " | ".join(
            "unknown" if claim.unknown is not None else str(claim.value)
            for claim in value.disputed)
    if isinstance(value, NoLongerKnown):
        return f"unknown: {value.unknown}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _header(parsed: ParsedText, plan: Plan, options: ImportOptions
            ) -> tuple[dict[str, Any], dict[str, str]]:
    review: dict[str, str] = {}
    title = options.title or parsed.title
    if title is None:
        title = f"Imported draft of {options.version_id}"
        review["title"] = "no headline found in the text: give the version a title"
    date = options.date
    if date is None:
        date = options.today
        review["date"] = "set to today: give the date the version was drafted or reported"
    parent = plan.versions[options.parent]
    review["coverage"] = (
        "partial (the default): what the text leaves out carries over; if it gives the whole"
        " plan, import it with --full" if options.partial else
        "full (--full): each parent clause the text leaves out is listed as removed: confirm"
        " that the text gives the whole plan")
    review["status"] = "`leaked` by default: confirm (leaked, proposed, agreed, rejected)"
    shown = ", ".join(parent.parties) or "none"
    review["parties"] = f"fill in who drafted or agreed it (the parent's: {shown})"
    header: dict[str, Any] = {
        "id": options.version_id,
        "title": title,
        "date": date,
        "parent": options.parent,
        "coverage": (Coverage.partial if options.partial else Coverage.full).value,
        "status": "leaked",
        "parties": [],
    }
    if parsed.summary:
        header["summary"] = parsed.summary
        review["summary"] = ("drafted from the text outside its list: check it and put it in"
                             " your own words")
    return header, review

