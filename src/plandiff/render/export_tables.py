"""Pure: the plan as tidy tables for `plandiff export` (SQLite, CSV): each table's columns with
their meaning, and its rows, every value taken from the same results the views print."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from plandiff.core.diff import Claim
from plandiff.core.history import History, HistoryPoint, term_history
from plandiff.core.models import NUMERIC_TYPES, Disputed, Plan, Source, Term, Version
from plandiff.core.positions import stances, subject_of
from plandiff.core.quote_normalization import normalize
from plandiff.core.resolve import Resolver, lineage_order
from plandiff.core.tables import Column, Table
from plandiff.core.witnesses import original, witnesses
from plandiff.i18n import ENGLISH  # the tables speak English, as the JSON does
from plandiff.render import values
from plandiff.render.history import value_text
from plandiff.render.json import value_json
from plandiff.render.positions import stance_value, verb

LIST_SEPARATOR = ", "  # sources in one cell, as the views list them


def languages(plan: Plan) -> list[str]:
    """The languages the plan's content is translated into, for a column each."""
    found: set[str] = set()
    for version in plan.versions.values():
        found.update(version.translations)
        for clause in version.clauses:
            found.update(clause.translations)
    for term in plan.terms.values():
        found.update(term.translations)
    for position in plan.positions.positions:
        found.update(position.translations)
    found.update(plan.positions.translations)
    for source in plan.sources.values():
        found.update(source.translations)
    return sorted(found)


def _suffix(lang: str) -> str:
    return lang.replace("-", "_")


def _renderings(obj: Any, name: str, langs: list[str]) -> dict[str, Any]:
    """`name_LANG` for each language: the rendering, or None where there is none (never the
    English in its place)."""
    found = {}
    for lang in langs:
        rendering = getattr(obj, "translations", {}).get(lang)
        found[f"{name}_{_suffix(lang)}"] = getattr(rendering, name, None) if rendering else None
    return found


def _lang_columns(name: str, what: str, langs: list[str]) -> tuple[Column, ...]:
    return tuple(Column(f"{name}_{_suffix(lang)}", f"{what} in `{lang}` (a rendering of the"
                        " English, never a quote; empty where there is none)") for lang in langs)


def _plain(value: Any) -> Any:
    """A value for a cell: dates as ISO text, the rest as it is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sources(sources: tuple[str, ...] | list[str]) -> str:
    return LIST_SEPARATOR.join(sources)


# --- the tables ----------------------------------------------------------------------------------


def tables(plan: Plan) -> list[Table]:
    """Every table, in an order where each table comes after those it refers to."""
    langs = languages(plan)
    resolver = Resolver(plan)
    order = lineage_order(plan)
    histories = {term_id: term_history(plan, term_id, resolver=resolver) for term_id in plan.terms}
    return [
        _versions(plan, order, langs),
        _terms(plan, langs),
        _choices(plan, langs),
        _sources_table(plan, langs),
        _parties(plan, langs),
        _positions(plan, langs),
        _clauses(plan, order, resolver, langs),
        _term_values(plan, order, histories),
        _claims(plan, order, histories),
        _citations(plan, order),
    ]


def _lineage(plan: Plan, version: Version) -> list[str]:
    chain = [version.id]
    current = version.parent
    while current in plan.versions and current not in chain:
        chain.append(current)
        current = plan.versions[current].parent
    return list(reversed(chain))


def _versions(plan: Plan, order: list[str], langs: list[str]) -> Table:
    columns = (
        Column("id", "The version's id (its file's name in plans/)"),
        Column("title", "Its title"),
        Column("date", "The date it was drafted, agreed or reported (ISO)"),
        Column("parent", "The version it revises (empty for a root)", references="versions.id"),
        Column("lineage", "Its line of descent, from the root to itself"),
        Column("depth", "How many versions it descends from (0 for a root)", "INTEGER"),
        Column("position", "Its place in lineage order: parents before children", "INTEGER"),
        Column("status", "leaked, proposed, agreed, rejected or superseded"),
        Column("coverage", "full (lists every clause) or partial (only what was reported; the"
               " rest carries over, unreported)"),
        Column("parties", "Who drafted or agreed it"),
        Column("summary", "One paragraph, in plain words"),
        Column("clauses_listed", "How many clauses its file lists", "INTEGER"),
        *_lang_columns("title", "The title", langs),
        *_lang_columns("summary", "The summary", langs),
    )
    rows = []
    for position, version_id in enumerate(order, 1):
        version = plan.versions[version_id]
        chain = _lineage(plan, version)
        rows.append({
            "id": version.id, "title": version.title, "date": version.date.isoformat(),
            "parent": version.parent if version.parent in plan.versions else None,
            "lineage": " → ".join(chain), "depth": len(chain) - 1, "position": position,
            "status": version.status.value, "coverage": version.coverage.value,
            "parties": LIST_SEPARATOR.join(version.parties), "summary": version.summary,
            "clauses_listed": len(version.clauses),
            **_renderings(version, "title", langs), **_renderings(version, "summary", langs)})
    return Table("versions", "Versions", "Every reported version of the plan, with its lineage:"
                 " the version it revises and its line of descent.", columns, ("id",), rows,
                 indexes=(("parent",), ("date",)))


def _terms(plan: Plan, langs: list[str]) -> Table:
    columns = (
        Column("id", "The term's id (plans/terms.yaml)"),
        Column("label", "What it measures"),
        Column("type", "quantity, money, duration, date, choice, flag or text"),
        Column("unit", "The unit of a quantity or duration"),
        Column("currency", "The currency of a money term (ISO code)"),
        Column("numeric", "1 for quantities, money and durations (a chart each)", "INTEGER"),
        Column("description", "What the term covers"),
        *_lang_columns("label", "The label", langs),
        *_lang_columns("unit", "The unit", langs),
    )
    rows = [{"id": term_id, "label": term.label, "type": term.type.value, "unit": term.unit,
             "currency": term.currency, "numeric": int(term.type in NUMERIC_TYPES),
             "description": term.description, **_renderings(term, "label", langs),
             **_renderings(term, "unit", langs)}
            for term_id, term in plan.terms.items()]
    return Table("terms", "Terms", "The typed terms a clause may set (plans/terms.yaml), with"
                 " their units.", columns, ("id",), rows)


def _choices(plan: Plan, langs: list[str]) -> Table:
    columns = (
        Column("term", "The choice term", references="terms.id"),
        Column("key", "The choice's key, as the plan files write it"),
        Column("label", "What it means"),
        *(Column(f"label_{_suffix(lang)}", f"The label in `{lang}` (empty where there is none)")
          for lang in langs),
    )
    rows = []
    for term_id, term in plan.terms.items():
        for key, label in (term.choices or {}).items():
            row: dict[str, Any] = {"term": term_id, "key": key, "label": label}
            for lang in langs:
                rendering = term.translations.get(lang)
                row[f"label_{_suffix(lang)}"] = rendering.choices.get(key) if rendering else None
            rows.append(row)
    return Table("choices", "Choices", "The possible values of each choice term, with their"
                 " labels.", columns, ("term", "key"), rows)


def _sources_table(plan: Plan, langs: list[str]) -> Table:
    columns = (
        Column("id", "The source's id (plans/sources.yaml)"),
        Column("outlet", "Who published it (\"unknown\" where it is not known)"),
        Column("title", "Its title, in its own language"),
        Column("date", "Its date (ISO; empty when it shows none)"),
        Column("language", "Its language"),
        Column("url", "Its address"),
        Column("file", "A local copy that quotes are verified against"),
        Column("reliability", "The editors' judgement: high, medium or low"),
        Column("copy_of", "The source this one reprints or translates (empty: an original)",
               references="sources.id"),
        Column("original", "The original it copies, every `copy_of` followed (itself when it"
               " copies none): sources of one original are one witness",
               references="sources.id"),
        Column("note", "A remark on the source"),
        *_lang_columns("outlet", "The outlet's name as that language's press writes it", langs),
        *_lang_columns("title", "The title", langs),
    )
    rows = [{"id": source_id, "outlet": s.outlet, "title": s.title,
             "date": s.date.isoformat() if s.date else None, "language": s.language,
             "url": s.url, "file": s.file,
             "reliability": s.reliability.value if s.reliability else None,
             "copy_of": s.copy_of if s.copy_of in plan.sources else None,
             "original": original(plan.sources, source_id), "note": s.note,
             **_renderings(s, "outlet", langs), **_renderings(s, "title", langs)}
            for source_id, s in plan.sources.items()]
    return Table("sources", "Sources", "The bibliography: every source a clause or a position"
                 " may cite.", columns, ("id",), rows)


def _parties(plan: Plan, langs: list[str]) -> Table:
    columns = (Column("code", "The party's code (plans/positions.yaml)"),
               Column("name", "Its name"),
               *(Column(f"name_{_suffix(lang)}", f"The name in `{lang}`") for lang in langs))
    rows = []
    for code, name in plan.positions.parties.items():
        row: dict[str, Any] = {"code": code, "name": name}
        for lang in langs:
            rendering = plan.positions.translations.get(lang)
            row[f"name_{_suffix(lang)}"] = rendering.parties.get(code) if rendering else None
        rows.append(row)
    known = set(plan.positions.parties)
    for position in plan.positions.positions:  # a party named only in a stance
        if position.party not in known:
            known.add(position.party)
            rows.append({"code": position.party, "name": position.party})
    return Table("parties", "Parties", "The parties whose positions are recorded.", columns,
                 ("code",), rows)


def _positions(plan: Plan, langs: list[str]) -> Table:
    columns = (
        Column("id", "The stance's place in plans/positions.yaml (1 for the first)", "INTEGER"),
        Column("party", "Who took it", references="parties.code"),
        Column("party_name", "The party's name"),
        Column("term", "The term it is about (empty for an issue in words)",
               references="terms.id"),
        Column("issue", "The issue, where no term fits"),
        Column("subject", "The term's label, or the issue"),
        Column("stance", "demand, offer, proposal, red-line, accept or reject"),
        Column("verb", "The stance as the views say it (\"demands\", \"insists on\","
               " \"reportedly accepts\")"),
        Column("hedged", "1 when every citation of it is hedged: reported, not settled",
               "INTEGER"),
        Column("value", "The value the party names, typed as its term (empty: none named)", ""),
        Column("value_text", "The value as the views print it (\"—\": none named)"),
        Column("date", "When it was stated (ISO)"),
        Column("at", "The round of talks (version) where it was stated", references="versions.id"),
        Column("text", "What the party said, in plain words"),
        Column("note", "A remark on the stance"),
        Column("sources", "The sources that report it"),
        *_lang_columns("text", "The words", langs),
    )
    rows = []
    for stance in sorted(stances(plan), key=lambda s: s.index):
        position = stance.position
        subject = subject_of(plan, position)
        value = position.value if position.has_value else None
        if isinstance(value, (dict, list)):  # not a scalar: its JSON
            value = json.dumps(value, ensure_ascii=False)
        rows.append({
            "id": stance.index + 1, "party": position.party, "party_name": stance.party_name,
            "term": position.term if position.term in plan.terms else None,
            "issue": position.issue, "subject": subject.label, "stance": position.stance.value,
            "verb": verb(ENGLISH, stance), "hedged": int(stance.hedged),
            "value": _plain(value), "value_text": stance_value(ENGLISH, stance, subject),
            "date": position.date.isoformat(),
            "at": position.at if position.at in plan.versions else None, "text": position.text,
            "note": position.note, "sources": _sources(stance.sources),
            **_renderings(position, "text", langs)})
    return Table("positions", "Positions", "Each party's stated positions: what a side wants,"
                 " offers, accepts or rejects, never what a draft says.", columns, ("id",), rows,
                 search=("text", "subject"), indexes=(("party",), ("term",), ("date",)))


def _clauses(plan: Plan, order: list[str], resolver: Resolver, langs: list[str]) -> Table:
    columns = (
        Column("version", "The version", references="versions.id"),
        Column("clause", "The clause's id, stable across versions"),
        Column("number", "Its number in this version (as written: 6, \"6a\"); none where a"
               " partial version does not report it (the number it had is `reported_in`'s)", ""),
        Column("title", "Its title"),
        Column("topic", "Its topic"),
        Column("text", "What the version says, in plain words (carried over when the version"
               " does not report the clause)"),
        Column("status", "reported (the version lists it), unreported (a partial version does"
               " not: carried from `reported_in`), removed"),
        Column("reported_in", "The version that last listed it", references="versions.id"),
        Column("was", "The older clause id it continues (a rename)"),
        Column("terms", "The terms it sets"),
        Column("sources", "The sources it cites"),
        *_lang_columns("title", "The title", langs),
        *_lang_columns("text", "The text", langs),
        Column("folded", "The translated title and text folded for search (diacritics and"
               " tatweel removed, alef and ya variants unified)"),
    )
    rows = []
    for version_id in order:
        for clause in resolver.resolve(version_id).clauses.values():
            body = clause.clause
            translated = {**_renderings(body, "title", langs), **_renderings(body, "text", langs)}
            folded = " ".join(normalize(t) for t in translated.values() if t)
            status = ("removed" if clause.removed else
                      "reported" if clause.reported else "unreported")
            rows.append({
                "version": version_id, "clause": clause.id,
                "number": body.number if clause.reported else None,
                "title": body.title, "topic": body.topic,
                "text": None if clause.removed else body.text, "status": status,
                "reported_in": clause.reported_in, "was": body.was,
                "terms": LIST_SEPARATOR.join(body.terms),
                "sources": _sources(list(dict.fromkeys(c.source for c in body.cites))),
                **translated, "folded": folded or None})
    return Table("clauses", "Clauses", "Every clause of every version, as the version stands for"
                 " it (`plandiff show`): a partial version's unreported clauses carry over.",
                 columns, ("version", "clause"), rows,
                 search=("title", "text", *(f"{n}_{_suffix(lang)}" for n in ("title", "text")
                                            for lang in langs), "folded"),
                 indexes=(("clause",), ("reported_in",)))


_VALUE_COLUMNS = (
    Column("value", "The value when there is one (a number for quantities, money and"
           " durations; a choice's key; 1 or 0 for a flag); empty when disputed, unknown or"
           " not set", ""),
    Column("value_text", "The value as the views print it (`plandiff history`), carried"
           " values marked"),
)


def _term_values(plan: Plan, order: list[str], histories: dict[str, History]) -> Table:
    columns = (
        Column("version", "The version", references="versions.id"),
        Column("date", "The version's date (ISO)"),
        Column("term", "The term", references="terms.id"),
        Column("label", "The term's label"),
        Column("clause", "The clause that sets it in this version"),
        Column("state", "reported (the version states it), carried (the version lists the"
               " clause but not the value), unreported (the version does not list the clause),"
               " removed, absent"),
        *_VALUE_COLUMNS,
        Column("unit", "The unit"),
        Column("currency", "The currency of money"),
        Column("value_label", "A choice's label"),
        Column("disputed", "1 when sources disagree: every claim is in `claims`", "INTEGER"),
        Column("unknown", "Why the value can no longer be assumed, when a report says so"),
        Column("stated_in", "The version whose clause stated the value",
               references="versions.id"),
        Column("carried_from", "The earlier version the value is carried from (empty: this"
               " version states it)", references="versions.id"),
        Column("sources", "The sources that state it (of a disputed value: in `claims`)"),
        Column("witnesses", "How many independent witnesses those sources are: distinct original"
               " outlets, copies followed to what they copy", "INTEGER"),
        Column("hedged", "1 when every citation of it is hedged: reported (\"reportedly\"),"
               " not settled", "INTEGER"),
        Column("change", "Against the parent version: same, changed, set, unset"),
        Column("delta", "How a number moved from the parent version", ""),
        Column("percent", "The same, in percent", ""),
        Column("value_json", "The value in the JSON shape of every JSON view"),
    )
    rows = []
    for term_id, result in histories.items():
        term = plan.terms[term_id]
        for point in result.points:
            rows.append(_value_row(term_id, term, result, point, plan.sources))
    position = {version_id: index for index, version_id in enumerate(order)}
    rows.sort(key=lambda r: (list(plan.terms).index(r["term"]), position[r["version"]]))
    return Table("term_values", "Term values", "One row per version and term: the value the"
                 " version stands for, where it was stated and by which sources (`plandiff"
                 " history TERM`).", columns, ("version", "term"), rows,
                 indexes=(("term",), ("stated_in",)))


def _value_row(term_id: str, term: Term, result: History, point: HistoryPoint,
               sources: Mapping[str, Source]) -> dict[str, Any]:
    claims = point.claims
    single = claims[0] if len(claims) == 1 else None
    known = single is not None and single.known
    value = single.value if single is not None and known else None
    return {
        "version": point.version.id, "date": point.version.date.isoformat(), "term": term_id,
        "label": term.label, "clause": point.clause_id, "state": point.state,
        "value": _plain(value), "value_text": value_text(ENGLISH, result, point),
        "unit": term.unit, "currency": term.currency,
        "value_label": (term.choices or {}).get(value) if isinstance(value, str) else None,
        "disputed": int(len(claims) > 1),
        "unknown": single.note if single is not None and not known else None,
        "stated_in": point.reported_in if claims else None,
        "carried_from": point.carried_from if claims else None,
        "sources": _sources(single.sources) if single is not None else None,
        "witnesses": (single.independent if single is not None and known
                      and single.independent is not None
                      else witnesses(sources, single.sources).independent
                      if single is not None and single.sources else None),
        "hedged": int(bool(claims) and all(c.hedged for c in claims)),
        "change": point.change, "delta": point.delta, "percent": point.percent,
        "value_json": json.dumps(value_json(claims), ensure_ascii=False) if claims else None,
    }


def _claims(plan: Plan, order: list[str], histories: dict[str, History]) -> Table:
    columns = (
        Column("version", "The version", references="versions.id"),
        Column("term", "The term", references="terms.id"),
        Column("claim", "The claim's place in the dispute (1 for the first)", "INTEGER"),
        Column("clause", "The clause that sets the term"),
        *_VALUE_COLUMNS,
        Column("note", "A remark on the claim"),
        Column("unknown", "For a claim that gives no value: why"),
        Column("sources", "The sources that make this claim"),
        Column("witnesses", "How many independent witnesses they are (copies followed)",
               "INTEGER"),
        Column("hedged", "1 when every citation of the claim is hedged", "INTEGER"),
        Column("stated_in", "The version whose clause stated the dispute",
               references="versions.id"),
        Column("carried_from", "The earlier version the dispute is carried from",
               references="versions.id"),
    )
    position = {version_id: index for index, version_id in enumerate(order)}
    rows = []
    for term_id, result in histories.items():
        term = plan.terms[term_id]
        for point in sorted(result.points, key=lambda p: position[p.version.id]):
            if len(point.claims) < 2:
                continue
            for index, claim in enumerate(point.claims, 1):
                rows.append({
                    "version": point.version.id, "term": term_id, "claim": index,
                    "clause": point.clause_id,
                    "value": _plain(claim.value) if claim.known else None,
                    "value_text": _claim_text(term, claim),
                    "note": claim.note if claim.known else None,
                    "unknown": None if claim.known else claim.note,
                    "sources": _sources(claim.sources),
                    "witnesses": (claim.independent if claim.independent is not None
                                  else witnesses(plan.sources, claim.sources).independent),
                    "hedged": int(claim.hedged),
                    "stated_in": point.reported_in,
                    "carried_from": point.carried_from})
    return Table("claims", "Disputed values", "Where sources disagree on a value: one row per"
                 " claim, with the sources that make it.", columns, ("version", "term", "claim"),
                 rows, indexes=(("term",),))


def _claim_text(term: Term, claim: Claim) -> str:
    """A claim as the views print it inside a dispute: its value, "reportedly" when hedged (its
    sources are beside it, in `sources`)."""
    return values.reported(ENGLISH, values.value(ENGLISH, term, claim.value), claim.hedged)


def _citations(plan: Plan, order: list[str]) -> Table:
    columns = (
        Column("id", "A number for the citation", "INTEGER"),
        Column("source", "The source cited", references="sources.id"),
        Column("quote", "The words quoted, in the source's language"),
        Column("hedge", "Why the source reports it as possible, planned or attributed rather"
               " than settled, in the source's own terms (empty: reported as fact)"),
        Column("note", "A remark on the citation"),
        Column("version", "The version whose file cites it", references="versions.id"),
        Column("clause", "The clause that cites it"),
        Column("term", "For a claim of a dispute: its term", references="terms.id"),
        Column("claim", "… and the claim's place in the dispute", "INTEGER"),
        Column("position", "For a party's stance: the stance", references="positions.id"),
    )
    rows: list[dict[str, Any]] = []

    def add(cite: Any, **where: Any) -> None:
        rows.append({"id": len(rows) + 1, "source": cite.source, "quote": cite.quote,
                     "hedge": cite.hedge, "note": cite.note, **where})

    for version_id in order:
        for clause in plan.versions[version_id].clauses:
            for cite in clause.cites:
                add(cite, version=version_id, clause=clause.id)
            for term_id, value in clause.terms.items():
                if isinstance(value, Disputed):
                    for index, claim in enumerate(value.disputed, 1):
                        for cite in claim.cites:
                            add(cite, version=version_id, clause=clause.id, term=term_id,
                                claim=index)
    for index, position in enumerate(plan.positions.positions, 1):
        for cite in position.cites:
            add(cite, position=index)
    return Table("citations", "Citations", "Every citation in the plan files, with its quote:"
                 " of a clause, of a claim of a dispute, or of a party's stance.", columns,
                 ("id",), rows, search=("quote",), indexes=(("source",), ("version", "clause"),
                                                            ("position",)))


# --- Datasette ------------------------------------------------------------------------------------

LICENSE = "MIT"
LICENSE_URL = "https://opensource.org/license/mit"


def metadata(plan: Plan, tables_: list[Table], database: str) -> dict[str, Any]:
    """Datasette's metadata.json for the database named `database` (the file's stem): titles,
    descriptions of every table and column (units included), the license; links to sources
    are the `url` column of `sources`, which Datasette shows as links."""
    from plandiff import __version__

    described: dict[str, Any] = {}
    for table in tables_:
        columns = {c.name: c.description for c in table.columns}
        entry: dict[str, Any] = {"title": table.title, "description": table.description,
                                 "columns": columns}
        if table.name == "term_values":
            units = "; ".join(f"{t}: {term.unit or term.currency}"
                              for t, term in plan.terms.items() if term.unit or term.currency)
            entry["description"] += f" Units by term: {units}." if units else ""
        if table.search:
            entry["fts_table"] = f"{table.name}_fts"
        described[table.name] = entry
    return {
        "title": "plandiff: the plan's versions, clauses, terms and sources",
        "description": (f"Exported by plandiff {__version__} from {len(plan.versions)} versions."
                        " A value a version does not state itself is carried from the version"
                        " named in `carried_from`; where sources disagree every claim is in"
                        " `claims`. Full-text search: clauses (English and translations),"
                        " positions, citations' quotes."),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": "plan files (plans/) and the sources they cite",
        "databases": {database: {"tables": described}},
    }
