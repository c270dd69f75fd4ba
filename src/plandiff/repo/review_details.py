"""What a change does beyond the clause diff, for review: version headers, clause titles,
citations and translations, the parties' stances (plans/positions.yaml), each as a line a reader
can check; and where a value changed while no citation did (`uncited-change`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any

from plandiff.core.diff import diff_text
from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import Citation, Clause, Disputed, Plan, Position, Version, dump
from plandiff.core.problems import Problem
from plandiff.core.quote_normalization import normalize
from plandiff.core.records import record

# Header fields that state a fact (a change needs new evidence); the title and the note are the
# editor's words, listed but never flagged.
HEADER_FACTS = ("date", "status", "coverage", "parent", "parties", "summary")
HEADER_FIELDS = ("title", "date", "status", "coverage", "parent", "parties", "summary", "note")
# A position's content: a change of any without new evidence is uncited.
POSITION_FACTS = ("party", "term", "issue", "stance", "value", "date", "at", "text")

Evidence = frozenset[tuple[str, str | None]]


def evidence(cites: Iterable[Citation]) -> Evidence:
    """Citations as quote verification reads them (source, normalised quote): a quote that
    verifies the same, with a space added or a quotation mark changed, is no new evidence."""
    return frozenset((c.source, normalize(c.quote) if c.quote is not None else None)
                     for c in cites)


def clause_evidence(clause: Clause) -> Evidence:
    """A clause's citations, its disputed claims' included."""
    found = set(evidence(clause.cites))
    for value in clause.terms.values():
        if isinstance(value, Disputed):
            for claim in value.disputed:
                found |= evidence(claim.cites)
    return frozenset(found)


def version_evidence(version: Version) -> Evidence:
    found: set[tuple[str, str | None]] = set()
    for clause in version.clauses:
        found |= clause_evidence(clause)
    return frozenset(found)


@record
class Detail:
    """One change a reader would see: in a clause (`clause` its id) or in the version's header
    (`clause` empty)."""

    clause: str
    line: str


def shown(value: Any) -> str:
    """A value as a reviewer reads it: text as itself, hidden characters made visible."""
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return make_visible(str(value), one_line=True)


def changed_text(old: Any, new: Any) -> str:
    """'old → new' for short values; a word diff ([-old-] {+new+}) for texts."""
    if isinstance(old, str) and isinstance(new, str) and (len(old) > 60 or len(new) > 60):
        change = diff_text(old, new)
        if change is not None:
            parts = []
            for op in change.ops:
                if op.op == "equal":
                    parts.append(op.old)
                    continue
                if op.old:
                    parts.append(f"[-{op.old}-]")
                if op.new:
                    parts.append(f"{{+{op.new}+}}")
            return make_visible(" ".join(p for p in parts if p), one_line=True)
    return f"{shown(old)} → {shown(new)}"


def _translation_lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """'translation ar · text: old → new' for each rendering a change adds, edits or drops."""
    lines = []
    for lang in sorted(set(old) | set(new)):
        before = dump(old[lang], exclude_none=True) if lang in old else {}
        after = dump(new[lang], exclude_none=True) if lang in new else {}
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                if isinstance(before.get(key), dict) or isinstance(after.get(key), dict):
                    inner_old, inner_new = before.get(key) or {}, after.get(key) or {}
                    for inner in sorted(set(inner_old) | set(inner_new)):
                        if inner_old.get(inner) != inner_new.get(inner):
                            lines.append(f"translation {lang} · {key}.{inner}: "
                                         + changed_text(inner_old.get(inner),
                                                        inner_new.get(inner)))
                    continue
                lines.append(f"translation {lang} · {key}: "
                             + changed_text(before.get(key), after.get(key)))
    return lines


def version_details(old: Version, new: Version) -> list[Detail]:
    """The header's changes, then each listed clause's title, topic, note, citations and
    translations (what the clause diff does not show)."""
    details = []
    for name in HEADER_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            details.append(Detail("", f"{name}: {changed_text(before, after)}"))
    details += [Detail("", line) for line in
                _translation_lines(old.translations, new.translations)]
    old_clauses = {c.id: c for c in old.clauses}
    for clause in new.clauses:
        before_clause = old_clauses.get(clause.id)
        if before_clause is None:
            continue
        for name in ("title", "topic", "note"):
            a, b = getattr(before_clause, name), getattr(clause, name)
            if a != b:
                details.append(Detail(clause.id, f"{name}: {changed_text(a, b)}"))
        gone = [c for c in before_clause.cites if c not in clause.cites]
        added = [c for c in clause.cites if c not in before_clause.cites]
        for word, cites in (("cites added", added), ("cites removed", gone)):
            for cite in cites:
                quote = f' "{cite.quote}"' if cite.quote else ""
                details.append(Detail(clause.id, make_visible(f"{word}: {cite.source}{quote}",
                                                              one_line=True)))
        details += [Detail(clause.id, line) for line in
                    _translation_lines(before_clause.translations, clause.translations)]
    return details


def header_uncited(file: str, old: Version, new: Version) -> list[Problem]:
    """A version whose header states another fact (date, status, coverage, parent, parties,
    summary) while no citation of the version changed."""
    changed = [name for name in HEADER_FACTS if getattr(old, name) != getattr(new, name)]
    if not changed or version_evidence(old) != version_evidence(new):
        return []
    return [Problem(file, f"version `{new.id}` changed its {', '.join(changed)} but no citation"
                    " in it did", "uncited-change",
                    hint="cite the source that reports the new date, status or wording",
                    keypath=(changed[0],))]


# --- the parties' stances ---------------------------------------------------------------------


def _content(position: Position) -> tuple[Any, ...]:
    return (*_facts(position), repr(position.note), repr(sorted(position.translations.items())),
            evidence(position.cites))


def _facts(position: Position) -> tuple[Any, ...]:
    return (*(repr(getattr(position, name)) for name in POSITION_FACTS), position.has_value)


def describe_position(position: Position) -> str:
    value = f" {shown(position.value)}" if position.has_value else ""
    at = f", at {position.at}" if position.at else ""
    return make_visible(f"{position.party} {position.stance.value} {position.subject}{value}"
                        f" ({position.date.isoformat()}{at})", one_line=True)


def position_changes(base: Plan, head: Plan,
                     file: str = "plans/positions.yaml") -> tuple[list[str], list[Problem]]:
    """Each stance added, removed or changed (and the parties' names), as lines; and each stance
    whose content changed while its citations did not (`uncited-change`, at the stance).

    Stances have no id: one the head keeps as it was pairs with its twin; one that changed pairs
    with the base's stance of the same citations (its evidence), else with one of the same party
    and subject; what is left is added or removed."""
    lines: list[str] = []
    problems: list[Problem] = []
    old_parties, new_parties = base.positions.parties, head.positions.parties
    for code in sorted(set(old_parties) | set(new_parties)):
        if old_parties.get(code) != new_parties.get(code):
            change = changed_text(old_parties.get(code), new_parties.get(code))
            lines.append(f"party {code}: {change}")
    lines += [f"parties' names: {line}" for line in _translation_lines(
        dict(base.positions.translations), dict(head.positions.translations))]
    old_list = list(enumerate(base.positions.positions))
    new_list = list(enumerate(head.positions.positions))
    left = dict(old_list)
    pairs: list[tuple[int, int]] = []
    unpaired: list[int] = []
    by_content: dict[tuple[Any, ...], list[int]] = {}
    for index, position in old_list:
        by_content.setdefault(_content(position), []).append(index)
    for index, position in new_list:
        twins = [i for i in by_content.get(_content(position), []) if i in left]
        if twins:
            del left[twins[0]]
        else:
            unpaired.append(index)
    head_positions = head.positions.positions
    still: list[int] = []
    for index in unpaired:
        position = head_positions[index]
        proof = evidence(position.cites)
        same = [i for i, p in left.items() if proof and evidence(p.cites) == proof]
        same.sort(key=lambda i: (left[i].party != position.party,
                                 left[i].subject != position.subject))
        if same:
            pairs.append((same[0], index))
            del left[same[0]]
        else:
            still.append(index)
    for index in still:
        position = head_positions[index]
        kin = [i for i, p in left.items() if p.party == position.party
               and p.subject == position.subject and p.date == position.date]
        if kin:
            pairs.append((kin[0], index))
            del left[kin[0]]
        else:
            lines.append(f"stance added: {describe_position(position)}")
    for old_index, new_index in sorted(pairs, key=lambda pair: pair[1]):
        before, after = base.positions.positions[old_index], head_positions[new_index]
        where = describe_position(after)
        fields = [name for name in (*POSITION_FACTS, "note", "cites")
                  if _field(before, name) != _field(after, name)]
        if before.has_value != after.has_value and "value" not in fields:
            fields.append("value")
        for name in fields:
            lines.append(f"stance {where}: {name}: "
                         + changed_text(_field(before, name), _field(after, name)))
        lines += [f"stance {where}: {line}" for line in
                  _translation_lines(before.translations, after.translations)]
        if _facts(before) != _facts(after) and evidence(before.cites) == evidence(after.cites):
            changed = [name for name in POSITION_FACTS
                       if _field(before, name) != _field(after, name)] or ["value"]
            problems.append(Problem(file, f"stance {new_index + 1} ({after.party} on"
                                    f" {after.subject}) changed its {', '.join(changed)} but its"
                                    " citations did not", "uncited-change",
                                    hint="cite the source that reports the new stance",
                                    keypath=("positions", new_index, changed[0])))
    for index in sorted(left):
        lines.append(f"stance removed: {describe_position(base.positions.positions[index])}")
    return [make_visible(line, one_line=True) for line in lines], problems


def _field(position: Position, name: str) -> Any:
    if name == "cites":
        return ", ".join(f"{c.source}" + (f' "{c.quote}"' if c.quote else "")
                         for c in position.cites)
    if name == "value" and not position.has_value:
        return None
    return getattr(position, name)
