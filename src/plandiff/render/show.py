"""A version's resolved clauses, with their sources: terminal, Markdown, JSON, numbered text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.as_of import FirstReported, first_reported
from plandiff.core.diff import claims_first_reported, value_claims
from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import Disputed, NoLongerKnown, Plan, dump
from plandiff.core.problems import PlandiffError
from plandiff.core.resolve import ResolvedClause, ResolvedVersion
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text, known, values
from plandiff.render.json import source_info, version_info

if TYPE_CHECKING:
    from rich.console import Console


def select(resolved: ResolvedVersion, clause_id: str | None) -> list[ResolvedClause]:
    if clause_id is None:
        return list(resolved.clauses.values())
    for clause in resolved.clauses.values():
        if clause.id == clause_id or clause_id in clause.identities:
            return [clause]
    from plandiff.core.suggestions import did_you_mean

    raise PlandiffError(f"version `{resolved.id}` has no clause `{clause_id}`",
                        did_you_mean(clause_id, resolved.clauses)
                        or "`plandiff show VERSION` lists its clauses")


def _term_text(loc: Locale, plan: Plan, clause: ResolvedClause, term_id: str,
               version_id: str) -> str:
    """'Label: value', then '(carried from VERSION)' and that version's sources where the
    version shown does not state the value itself."""
    value = clause.clause.terms[term_id]
    term = plan.terms.get(term_id)
    label = loc.plain(*loc.field(term, "label")) if term else term_id
    if isinstance(value, NoLongerKnown):
        return loc._("{label}: not reported since {version} ({note})").format(
            label=label, version=clause.stated_in(term_id), note=loc.in_english(value.unknown))
    claims = value_claims(clause, term_id, plan.sources)
    if isinstance(value, Disputed):
        parts = []
        # claims that do not conflict are one value (core.diff.rival_claims)
        written = value.disputed if len(value.disputed) == len(claims) else [None] * len(claims)
        for claim, item in zip(written, claims, strict=True):
            if not item.known:
                why = claim.unknown if claim is not None else item.note
                shown = loc._("unknown: {why}").format(why=loc.in_english(why))
            else:
                shown = values.value(loc, term, item.value) if term else str(item.value)
            first = known.first_text(first_reported(item.sources, plan.sources), plan.sources,
                                     loc)
            details = loc._("; ").join(part for part in (
                values.claim_sources(loc, item.sources, item.independent), first) if part)
            parts.append(f"{values.reported(loc, shown, item.hedged)} ({details})")
        text = (loc._("{label}: disputed: {claims}").format(label=label, claims=" | ".join(parts))
                if len(parts) > 1 else loc._("{label}: {value}").format(label=label,
                                                                         value=parts[0]))
    else:
        shown = values.value(loc, term, value) if term else str(value)
        text = loc._("{label}: {value}").format(
            label=label, value=values.reported(loc, shown, claims[0].hedged))
    carried_from = clause.carried_from(term_id, version_id)
    if carried_from is not None:
        text += values.carried(loc, carried_from)
    where = clause.stated.get(term_id)
    if carried_from is not None and where is not None and where.sources \
            and not isinstance(value, Disputed):
        text += loc._(" — sources of {version}: {sources}").format(
            version=carried_from, sources=values.witnessed(loc, where.sources,
                                                            claims[0].independent or 0))
    elif not isinstance(value, Disputed) and claims[0].independent:
        text += loc._("; {witnesses}").format(
            witnesses=values.witness_note(loc, claims[0].independent))
    if isinstance(value, Disputed):  # each claim says when it was first reported
        return text
    first = known.first_text(claims_first_reported(claims, plan.sources), plan.sources, loc)
    return text + (loc._(" — {first}").format(first=first) if first else "")


def first_reported_of(plan: Plan, clause: ResolvedClause, term_id: str) -> FirstReported | None:
    """When a term value of a clause was first reported: its claims' earliest dated source."""
    return claims_first_reported(value_claims(clause, term_id), plan.sources)


def stated_in(clause: ResolvedClause) -> dict[str, str]:
    return {term_id: clause.stated_in(term_id) for term_id in clause.clause.terms}


def own_number(clause: ResolvedClause) -> int | str | None:
    """The clause's number in the version shown: only a number that version gives. A clause a
    partial version does not report keeps the number of the version that last listed it, which
    is that version's numbering, not this one's (see `numbered_in`)."""
    return clause.clause.number if clause.reported else None


def numbered_in(loc: Locale, clause: ResolvedClause) -> str:
    """'§25 (in v28)' for a clause carried with another version's number; '' otherwise."""
    if clause.reported or clause.clause.number is None:
        return ""
    return loc._("§{number} (in {version})").format(number=loc.digits_in(str(clause.clause.number)),
                                                     version=clause.reported_in)


def _status(loc: Locale, clause: ResolvedClause, version_id: str) -> str:
    if clause.removed:
        return (loc._("removed") if clause.reported
                else loc._("removed in {version}").format(version=clause.reported_in))
    return (loc._("reported") if clause.reported else
            loc._("unreported (last reported in {version})").format(version=clause.reported_in))


def to_json(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause]) -> str:
    return json_text.dumps(to_data(plan, resolved, clauses), indent=2) + "\n"


def to_data(plan: Plan, resolved: ResolvedVersion,
            clauses: list[ResolvedClause]) -> dict[str, Any]:
    """The `plandiff.show/1` document."""
    data = {
        "format": "plandiff.show/1",
        "version": version_info(resolved.version),
        "clauses": [{
            "id": c.id, "number": own_number(c),
            "numbered_in": None if c.reported or c.clause.number is None else {
                "version": c.reported_in, "number": c.clause.number},
            "title": c.clause.title,
            "topic": c.clause.topic, "text": c.clause.text, "removed": c.removed,
            "reported": c.reported, "reported_in": c.reported_in,
            "terms": {k: _term_json(plan, v) for k, v in c.clause.terms.items()},
            "stated_in": stated_in(c),
            "first_reported": {t: known.first_json(first_reported_of(plan, c, t))
                               for t in c.clause.terms},
            "witnesses": {k: _witnesses_json(plan, c, k) for k in c.clause.terms},
            "hedged": {k: claims[0].hedged for k in c.clause.terms
                       if len(claims := value_claims(c, k)) == 1},
            "cites": [dump(cite, json=True, exclude_none=True) for cite in c.clause.cites],
        } for c in clauses],
        "sources": {s: source_info(plan.sources[s]) for s in sorted(
            ({cite.source for c in clauses for cite in c.clause.cites}
             | {s for c in clauses for where in c.stated.values() for s in where.sources})
            & set(plan.sources))},
    }
    return data


def _witnesses_json(plan: Plan, clause: ResolvedClause, term_id: str) -> dict[str, Any]:
    """A value's witnesses: its sources (every claim's, when disputed) and how many independent
    witnesses they are."""
    from plandiff.core.witnesses import witnesses
    from plandiff.render.json import witnesses_json

    cited = [s for claim in value_claims(clause, term_id) for s in claim.sources]
    found = witnesses(plan.sources, cited)
    return witnesses_json(found.independent, found.sources)


def _term_json(plan: Plan, value: Any) -> Any:
    """A term value in the one JSON shape (render.json.value_json); a disputed claim also keeps
    its citations with their quotes, which `show` is for."""
    from plandiff.core.diff import claims_of
    from plandiff.render.json import value_json

    if not isinstance(value, (Disputed, NoLongerKnown)):
        return _jsonable(value)
    shaped = value_json(claims_of(value, (), sources=plan.sources))
    # --as-of may leave a dispute with one claim reported by then: it is shown as that value
    if isinstance(value, Disputed) and isinstance(shaped, dict) and "disputed" in shaped:
        for item, claim in zip(shaped["disputed"], value.disputed, strict=True):
            item["cites"] = [dump(cite, json=True, exclude_none=True)
                             for cite in claim.cites]
    return shaped


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def numbered_text(loc: Locale, resolved: ResolvedVersion,
                  clauses: list[ResolvedClause]) -> str:
    """The version as a plain numbered list, the way plans are published in articles. Where the
    version numbers its points, a clause without a number (one about the document as a whole) is a
    paragraph before the list, never given a number that another point has."""
    def text(obj: Any, name: str) -> str:  # in the active language, English marked
        return " ".join((loc.plain_field(obj, name) or "").split())

    lines = [text(resolved.version, "title"), ""]
    if resolved.version.summary:
        lines += [text(resolved.version, "summary"), ""]
    live = [c for c in clauses if not c.removed]
    numbered = any(c.clause.number is not None for c in live)
    for clause in live if numbered else ():
        if clause.clause.number is None:
            lines += [text(clause.clause, "text"), ""]
    for position, clause in enumerate(live, 1):
        number = clause.clause.number if numbered else position
        if number is not None:
            lines.append(f"{number}. {text(clause.clause, 'text')}")
    return "\n".join(lines) + "\n"


def markdown(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause], *,
             loc: Locale = ENGLISH) -> str:
    from plandiff.render.markup import code, escape, field, md_outlet, quote_plain

    version = resolved.version
    lines = ["# " + loc.pgettext("show", "{id} — {title}").format(
                 id=code(version.id), title=field(loc, version, "title")), "",
             loc._("{date} · {status} · {coverage} coverage · parties: {parties}").format(
                 date=loc.date(version.date),
                 status=loc.pgettext("status", version.status.value),
                 coverage=loc.pgettext("coverage", version.coverage.value),
                 parties=escape(loc._(", ").join(loc.party_code(p) for p in version.parties))
                 or loc._("unknown")), ""]
    if version.summary:
        lines += [field(loc, version, "summary"), ""]
    for clause in clauses:
        given = own_number(clause)
        number = f"{escape(str(given))}. " if given is not None else ""
        title = field(loc, clause.clause, "title") if clause.clause.title else ""
        if numbered_in(loc, clause):
            title = f"{title} — {escape(numbered_in(loc, clause))}".lstrip(" —")
        # Arabic puts the title first: a heading that opens with it reads right to left.
        heading = loc.pgettext("show", "{number}{id} {title}").format(
            number=number, id=code(clause.id), title=title)
        lines.append(f"## {heading}".rstrip().replace("  ", " "))
        lines += ["", f"*{escape(_status(loc, clause, version.id))}*", ""]
        if clause.clause.text:
            lines += [field(loc, clause.clause, "text"), ""]
        for term_id in clause.clause.terms:
            lines.append(f"- {escape(_term_text(loc, plan, clause, term_id, version.id))}")
        if clause.clause.terms:
            lines.append("")
        for cite in clause.clause.cites:
            source = plan.sources.get(cite.source)
            # The source by its id, an Arabic word first («المصدر `seed-001`»), then its outlet
            # where one is known (never "unknown": the id alone, as the other views).
            named = loc.pgettext("footnote", "{source}").format(source=code(cite.source))
            outlet = f" {md_outlet(loc, source)}" if source and known.known_outlet(source) else ""
            quote = f": {quote_plain(cite.quote, loc)}" if cite.quote else ""
            if quote:
                label = _language_label(loc, source.language if source else None)
                quote += f" {escape(label.strip())}" if label else ""
            hedge = escape(hedged(loc, cite.hedge))
            lines.append(f"- {named}{outlet}{quote}{' ' + hedge if hedge else ''}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def terminal(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause],
             console: Console, *, loc: Locale = ENGLISH) -> None:
    from plandiff.render.markup import quoted_in
    from plandiff.render.styled import Styled

    version = resolved.version
    console.print(Styled(loc.pgettext("version", "{line}").format(
        line=values.version_line(loc, version)), style="bold"))
    if version.summary:
        console.print(Styled(" ".join(loc.plain_field(version, "summary").split()), style="dim"))
    for clause in clauses:
        console.print()
        given = own_number(clause)
        number = f"{given}. " if given is not None else ""
        # Arabic names the clause first («البند framework»): a line that opens with a Latin id
        # is laid out left to right by a terminal that implements bidi.
        head = Styled(number + loc.pgettext("clause", "{id}").format(id=clause.id), style="bold")
        if clause.clause.title:
            head.append(f"  {loc.plain_field(clause.clause, 'title')}")
        if numbered_in(loc, clause):
            head.append(f"  {numbered_in(loc, clause)}", style="dim")
        style = "dim" if not clause.reported else "red" if clause.removed else "green"
        head.append(f"  {_status(loc, clause, version.id)}", style=style)
        console.print(head)
        if clause.clause.text:
            console.print(Styled("    " + " ".join(loc.plain_field(clause.clause, "text").split())))
        for term_id in clause.clause.terms:
            console.print(Styled("    " + _term_text(loc, plan, clause, term_id, version.id),
                               style="bold"))
        for cite in clause.clause.cites:
            quote = ": " + quoted_in(loc, cite.quote, marks='""') if cite.quote else ""
            if quote:
                source = plan.sources.get(cite.source)
                quote += _language_label(loc, source.language if source else None)
            # a citation without a quote says so («المصدر lalv (دون اقتباس)»): a bare
            # «المصدر lalv» read as a heading left empty
            cited = (loc.pgettext("cited", "[{source}]") if quote
                     else loc.pgettext("cited, no quote", "[{source}]"))
            console.print(Styled("    " + cited.format(source=cite.source) + quote
                               + make_visible(hedged(loc, cite.hedge), one_line=True),
                               style="dim"))


def hedged(loc: Locale, hedge: str | None) -> str:
    """' (hedged: possible changes)' after a citation whose source only reports the fact; ''
    otherwise."""
    return loc._(" (hedged: {hedge})").format(hedge=loc.in_english(hedge)) if hedge else ""


def _language_label(loc: Locale, language: str | None) -> str:
    """' (in English)' after a quote in another language than the edition's; '' in English."""
    if loc.english or not language or language == loc.lang:
        return ""
    return " " + loc._("(in {language})").format(language=loc.quote_language_name(language))


def text(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause], *,
         loc: Locale = ENGLISH) -> str:
    """`numbered_text` with hidden characters shown (the `text` format of `show`)."""
    from plandiff.core.hidden_characters import make_visible

    return make_visible(numbered_text(loc, resolved, clauses))
