"""Write a synthetic plan repository of N clauses, for the benchmark (and a small one for a test).

The repository is a lineage of three versions that together list N clauses:

- `base` (full, 45% of the clauses), the version diffed from;
- `head` (full, 45%, parent `base`): about 20% of the clauses modified (term values, a few words of
  text, new disputes), 3% renamed (`was:`), 3% dropped and 3% added;
- `update` (partial, 10%, parent `head`): reports some terms of some clauses, drops a few with
  `removed: true`, adds a few.

About 2% of term values are disputed between sources, 1% of texts are long (about 500 words) and
one text in a thousand is very long (about 3,000 words). Every clause cites one or two sources; a
third of the sources have a local file under `sources/` that holds each quote (some with typographic
quotes or extra white space, so normalisation is exercised), so `plandiff check` verifies quotes.
The output is deterministic for a given N and seed, and `plandiff check` finds no problem in it.

    python bench/generate.py 10000 /tmp/repo-10k
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_VOCABULARY = (
    "ceasefire line troops border observers monitoring zone withdrawal sanctions relief "
    "reconstruction fund territory referendum elections guarantee security council treaty "
    "parties agree commit undertake within months days after signing implementation phase "
    "prisoners exchange humanitarian corridor energy plant grain exports ports navigation "
    "sea language church minority rights amnesty compensation assets frozen frozen-assets "
    "military forces cap personnel weapons long-range missiles nuclear status neutrality "
    "alliance membership accession veto consensus recognition de-facto de-jure region "
    "regions oblast districts demilitarised buffer police administration joint commission "
    "verification inspection report violation response dispute arbitration court tribunal "
    "the a of and to in on for with by from under over at as its their this that each all"
)
WORDS = _VOCABULARY.split()
MODALS_STRONG = ("shall", "must", "will")
MODALS_WEAK = ("may", "should", "could")
# The most clauses a version file of `generate` lists: repositories of many agreements of the
# size of peace plans (generate_treaty writes one large agreement).
PER_FILE = 1400
TOPICS = ("military", "territory", "security", "economy", "humanitarian", "politics", "process")
CHOICES = {f"option-{i}": f"Option {i} of the negotiated settlement" for i in range(1, 5)}


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def sentence(rng: random.Random, count: int) -> str:
    body = words(rng, count)
    return f"The parties {rng.choice(MODALS_STRONG + MODALS_WEAK)} ensure that {body}."


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermDef:
    id: str
    type: str

    def value(self, rng: random.Random) -> object:
        if self.type == "quantity":
            return rng.randrange(1, 200) * 1000
        if self.type == "money":
            return rng.randrange(1, 500) * 1_000_000
        if self.type == "duration":
            return rng.randrange(1, 60)
        if self.type == "date":
            return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
        if self.type == "choice":
            return rng.choice(list(CHOICES))
        if self.type == "flag":
            return rng.random() < 0.5
        return words(rng, 6)


TERMS = [
    TermDef(f"{kind}-{i}", kind)
    for kind, count in (("quantity", 10), ("money", 5), ("duration", 5), ("date", 5),
                        ("choice", 8), ("flag", 5), ("text", 2))
    for i in range(1, count + 1)
]


def terms_yaml() -> str:
    lines = ["# Synthetic term registry (bench/generate.py).", ""]
    for term in TERMS:
        lines.append(f"{term.id}:")
        lines.append(f"  label: {q('Term ' + term.id.replace('-', ' '))}")
        lines.append(f"  type: {term.type}")
        if term.type == "quantity":
            lines.append("  unit: personnel")
        elif term.type == "money":
            lines.append("  currency: USD")
        elif term.type == "duration":
            lines.append("  unit: months")
        elif term.type == "choice":
            lines.append("  choices:")
            lines.extend(f"    {key}: {q(label)}" for key, label in CHOICES.items())
    return "\n".join(lines) + "\n"


# --- sources --------------------------------------------------------------------------------------


@dataclass
class SourceFile:
    id: str
    sentences: list[str] = field(default_factory=list)


class Sources:
    """Sources, a third with a local file; `cite` returns a citation and records its quote."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.rng = rng
        self.ids = [f"src-{i:05d}" for i in range(count)]
        self.files = {sid: SourceFile(sid) for sid in self.ids[::3]}

    def cite(self) -> dict[str, str]:
        source = self.rng.choice(self.ids)
        local = self.files.get(source)
        if local is None:
            return {"source": source, "quote": words(self.rng, 5)}
        tokens = sentence(self.rng, 8).split()
        quoted = tokens[2:8]
        roll = self.rng.random()
        if roll < 0.1:  # the file has typographic quotes where the quote has straight ones
            tokens[2] = f"\u201c{tokens[2]}\u201d"
            quoted[0] = f'"{quoted[0]}"'
        local.sentences.append(
            # and a line break and extra spaces inside the quoted words, now and then
            " ".join(tokens[:3]) + "  \n  " + " ".join(tokens[3:]) if roll > 0.9
            else " ".join(tokens))
        quote = " ".join(quoted)
        return {"source": source, "quote": quote}

    def yaml(self) -> str:
        lines = ["# Synthetic bibliography (bench/generate.py).", ""]
        for index, sid in enumerate(self.ids):
            lines.append(f"{sid}:")
            lines.append(f"  outlet: {q('Outlet ' + str(index % 97))}")
            lines.append(f"  title: {q('Report number ' + str(index))}")
            lines.append(f"  date: {dt.date(2025, 1, 1) + dt.timedelta(days=index % 900)}")
            lines.append("  language: en")
            if sid in self.files:
                lines.append(f"  file: sources/{sid}.txt")
            lines.append("  reliability: medium")
        return "\n".join(lines) + "\n"

    def write_files(self, root: Path) -> None:
        folder = root / "sources"
        folder.mkdir(parents=True, exist_ok=True)
        for source in self.files.values():
            filler = [sentence(self.rng, 10) for _ in range(5)]
            body = "\n\n".join([*filler, *source.sentences])
            (folder / f"{source.id}.txt").write_text(body + "\n", encoding="utf-8")


# --- clauses ------------------------------------------------------------------------------------


@dataclass
class Clause:
    id: str
    number: int | None = None
    title: str | None = None
    topic: str | None = None
    text: str | None = None
    terms: dict[str, object] = field(default_factory=dict)
    cites: list[dict[str, str]] = field(default_factory=list)
    removed: bool = False
    was: str | None = None

    def copy(self) -> Clause:
        return Clause(self.id, self.number, self.title, self.topic, self.text, dict(self.terms),
                      list(self.cites), self.removed, self.was)


def clause_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.001:
        count = 3000
    elif roll < 0.011:
        count = 500
    else:
        count = rng.randrange(10, 30)
    return sentence(rng, count)


def term_value(rng: random.Random, term: TermDef, sources: Sources) -> object:
    if rng.random() < 0.02:
        first = term.value(rng)
        second = next((v for v in (term.value(rng) for _ in range(20)) if v != first), None)
        return {"disputed": [
            {"value": first, "cites": [sources.cite()]},
            {"value": second, "cites": [sources.cite()]},
        ]}
    return term.value(rng)


def new_clause(rng: random.Random, serial: int, sources: Sources) -> Clause:
    chosen = rng.sample(TERMS, rng.randrange(0, 4))
    return Clause(
        id=f"c{serial:06d}-{rng.choice(WORDS).replace('-', '')}",
        number=serial + 1,
        title=f"Clause {serial + 1}: {words(rng, 2)}",
        topic=rng.choice(TOPICS),
        text=clause_text(rng),
        terms={t.id: term_value(rng, t, sources) for t in chosen},
        cites=[sources.cite() for _ in range(rng.randrange(1, 3))],
    )


def edit_text(rng: random.Random, text: str) -> str:
    tokens = text.split()
    for _ in range(rng.randrange(1, 4)):
        position = rng.randrange(len(tokens))
        tokens[position] = rng.choice(WORDS)
    if rng.random() < 0.2:
        tokens = [rng.choice(MODALS_WEAK) if t in MODALS_STRONG else t for t in tokens]
    return " ".join(tokens)


def modify(rng: random.Random, clause: Clause, sources: Sources) -> Clause:
    changed = clause.copy()
    if changed.terms and rng.random() < 0.7:
        term_id = rng.choice(list(changed.terms))
        term = next(t for t in TERMS if t.id == term_id)
        changed.terms[term_id] = term_value(rng, term, sources)
    if rng.random() < 0.5:
        changed.text = edit_text(rng, changed.text or "")
    changed.cites = [sources.cite()]
    return changed


# --- writing YAML -------------------------------------------------------------------------------


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    return q(str(value))


def cites_yaml(cites: Iterable[dict[str, str]], indent: str) -> list[str]:
    lines = []
    for cite in cites:
        lines.append(f"{indent}- source: {cite['source']}")
        if "quote" in cite:
            lines.append(f"{indent}  quote: {q(cite['quote'])}")
    return lines


def clause_yaml(clause: Clause) -> list[str]:
    lines = [f"  - id: {clause.id}"]
    if clause.was:
        lines.append(f"    was: {clause.was}")
    if clause.removed:
        lines.append("    removed: true")
    else:
        if clause.number is not None:
            lines.append(f"    number: {clause.number}")
        if clause.title:
            lines.append(f"    title: {q(clause.title)}")
        if clause.topic:
            lines.append(f"    topic: {clause.topic}")
        if clause.text:
            lines.append(f"    text: {q(clause.text)}")
    if clause.terms:
        lines.append("    terms:")
        for term_id, value in clause.terms.items():
            if isinstance(value, dict):
                lines.append(f"      {term_id}:")
                lines.append("        disputed:")
                for claim in value["disputed"]:
                    lines.append(f"          - value: {scalar(claim['value'])}")
                    lines.append("            cites:")
                    lines.extend(cites_yaml(claim["cites"], "              "))
            else:
                lines.append(f"      {term_id}: {scalar(value)}")
    lines.append("    cites:")
    lines.extend(cites_yaml(clause.cites, "      "))
    return lines


def version_yaml(version_id: str, *, parent: str | None, coverage: str, day: int,
                 clauses: list[Clause]) -> str:
    lines = [
        f"id: {version_id}",
        f"title: {q('Synthetic version ' + version_id)}",
        f"date: {dt.date(2025, 11, 1) + dt.timedelta(days=day)}",
    ]
    if parent:
        lines.append(f"parent: {parent}")
    lines += [f"coverage: {coverage}", "status: proposed", "parties: [US, UA]",
              f"summary: {q('A synthetic version for the benchmark.')}", "clauses:"]
    for clause in clauses:
        lines.extend(clause_yaml(clause))
    return "\n".join(lines) + "\n"


# --- the repository -------------------------------------------------------------------------------


def lineage(rng: random.Random, sources: Sources, clauses: int,
            serial: int) -> tuple[list[Clause], list[Clause], list[Clause], int]:
    """One agreement: the clauses of its base, head and update versions, and the next serial."""
    base_count = max(2, round(clauses * 0.45))
    update_count = max(1, round(clauses * 0.10))
    head_count = max(2, clauses - base_count - update_count)

    base: list[Clause] = []
    for _ in range(base_count):
        base.append(new_clause(rng, serial, sources))
        serial += 1

    head: list[Clause] = []
    for clause in base:
        roll = rng.random()
        if roll < 0.03:
            continue  # dropped: a full version that no longer lists it
        if roll < 0.06:
            renamed = modify(rng, clause, sources) if rng.random() < 0.5 else clause.copy()
            renamed.was, renamed.id = clause.id, f"{clause.id}-r"
            head.append(renamed)
        elif roll < 0.26:
            head.append(modify(rng, clause, sources))
        else:
            head.append(clause.copy())
    while len(head) < head_count:
        position = rng.randrange(len(head) + 1)
        head.insert(position, new_clause(rng, serial, sources))
        serial += 1
    head = head[:head_count]

    update: list[Clause] = []
    for clause in rng.sample(head, min(update_count, len(head))):
        roll = rng.random()
        if roll < 0.15:
            update.append(Clause(id=clause.id, removed=True, cites=[sources.cite()]))
        elif roll < 0.25:
            update.append(new_clause(rng, serial, sources))
            serial += 1
        else:  # a report of some terms and a new wording; the terms it omits carry over
            reported = Clause(id=clause.id, text=edit_text(rng, clause.text or "x"),
                              cites=[sources.cite()])
            if clause.terms:
                term_id = rng.choice(list(clause.terms))
                term = next(t for t in TERMS if t.id == term_id)
                reported.terms[term_id] = term_value(rng, term, sources)
            update.append(reported)
    return base, head, update, serial


def generate(root: Path, clauses: int, *, seed: int = 1,
             per_file: int = PER_FILE) -> dict[str, int]:
    """Write the repository under `root` (replacing its plans/ and sources/); return the number of
    clauses listed by each version file."""
    rng = random.Random(seed)
    sources = Sources(rng, max(6, clauses // 40))
    per_agreement = int(per_file / 0.45)
    plans = root / "plans"
    for folder in (plans, root / "sources"):
        if folder.exists():
            shutil.rmtree(folder)
    plans.mkdir(parents=True)
    counts: dict[str, int] = {}
    serial, left, index = 0, clauses, 0
    while left > 0:
        size = min(left, per_agreement)
        if 0 < left - size < 10:
            size = left  # no agreement of a handful of clauses
        base, head, update, serial = lineage(rng, sources, size, serial)
        prefix = "" if index == 0 else f"a{index:03d}-"
        versions = ((f"{prefix}base", None, "full", base),
                    (f"{prefix}head", f"{prefix}base", "full", head),
                    (f"{prefix}update", f"{prefix}head", "partial", update))
        for day, (version_id, parent, coverage, listed) in enumerate(versions):
            text = version_yaml(version_id, parent=parent, coverage=coverage, day=day * 10,
                                clauses=listed)
            (plans / f"{version_id}.yaml").write_text(text, encoding="utf-8")
            counts[version_id] = len(listed)
        left -= size
        index += 1
    (plans / "terms.yaml").write_text(terms_yaml(), encoding="utf-8")
    (plans / "sources.yaml").write_text(sources.yaml(), encoding="utf-8")
    sources.write_files(root)
    return counts


def folder_yaml(version_id: str, *, parent: str | None, coverage: str, day: int,
                clauses: list[Clause], chapter: int) -> dict[str, str]:
    """A version as a folder: `version.yaml` (its header) and chapter files of `chapter` clauses."""
    header = version_yaml(version_id, parent=parent, coverage=coverage, day=day, clauses=[])
    files = {"version.yaml": header.removesuffix("clauses:\n")}
    for number, start in enumerate(range(0, len(clauses), chapter), 1):
        lines = ["clauses:"]
        for clause in clauses[start:start + chapter]:
            lines.extend(clause_yaml(clause))
        files[f"chapter-{number:03d}.yaml"] = "\n".join(lines) + "\n"
    return files


def generate_treaty(root: Path, clauses: int, *, seed: int = 1, chapter: int = 1000,
                    folders: bool = True) -> dict[str, int]:
    """One agreement as large as a treaty: a full `base` and a full `head` of about `clauses`
    clauses each (and a partial `update`), as version folders of `chapter` clauses a chapter file
    (or as single files, without `folders`); the same two versions as single files in `single/`,
    for tools that compare two files. Returns the clauses each version lists."""
    rng = random.Random(seed)
    sources = Sources(rng, max(6, clauses // 20))
    plans, single = root / "plans", root / "single"
    for folder in (plans, single, root / "sources"):
        if folder.exists():
            shutil.rmtree(folder)
    plans.mkdir(parents=True)
    single.mkdir()
    base, head, update, _ = lineage(rng, sources, round(clauses / 0.45), 0)
    counts: dict[str, int] = {}
    versions = (("base", None, "full", base), ("head", "base", "full", head),
                ("update", "head", "partial", update))
    for day, (version_id, parent, coverage, listed) in enumerate(versions):
        text = version_yaml(version_id, parent=parent, coverage=coverage, day=day * 10,
                            clauses=listed)
        if version_id != "update":
            (single / f"{version_id}.yaml").write_text(text, encoding="utf-8")
        if folders and version_id != "update":
            folder = plans / version_id
            folder.mkdir()
            for name, part in folder_yaml(version_id, parent=parent, coverage=coverage,
                                          day=day * 10, clauses=listed, chapter=chapter).items():
                (folder / name).write_text(part, encoding="utf-8")
        else:
            (plans / f"{version_id}.yaml").write_text(text, encoding="utf-8")
        counts[version_id] = len(listed)
    (plans / "terms.yaml").write_text(terms_yaml(), encoding="utf-8")
    (plans / "sources.yaml").write_text(sources.yaml(), encoding="utf-8")
    sources.write_files(root)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clauses", type=int, help="how many clauses the versions list in all")
    parser.add_argument("root", type=Path, help="the folder to write (plans/ and sources/)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--treaty", action="store_true",
                        help="one agreement whose base and head list CLAUSES clauses each, as"
                        " version folders (and as single files in single/)")
    args = parser.parse_args()
    counts = (generate_treaty(args.root, args.clauses, seed=args.seed) if args.treaty
              else generate(args.root, args.clauses, seed=args.seed))
    shown = list(counts.items())
    summary = ", ".join(f"{k} {v}" for k, v in shown[:3])
    more = f" and {len(shown) - 3} more versions" if len(shown) > 3 else ""
    print(f"{args.root}: {sum(counts.values())} clauses: {summary}{more}")


if __name__ == "__main__":
    main()
