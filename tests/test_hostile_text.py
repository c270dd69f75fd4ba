"""Hostile text in plan data (issue 16, items 3, 4, 5, 9, 10): every class of it, in every field
of every file, through every command that reads or prints it.

Characters that change what a reader sees (ANSI escapes, carriage returns, line breaks in one-line
fields, bidirectional controls, lone surrogates) are refused by `check` on the decoded value, so
the loading commands refuse them too; `review` and `textconv`, which show data that `check` has
not passed, show them as ⟨U+…⟩. Text that is only markup to some view (Rich markup, Markdown, HTML,
Mermaid) passes `check` and prints as itself everywhere. Each parametrized case is one input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import LINEAGE_PLANS

# --- the inputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """Where a payload goes: (file, old text, new text with {p} for the payload), applied to the
    lineage plans. `one_line` fields refuse tab and line feed as well."""

    name: str
    edits: tuple[tuple[str, str, str], ...]
    one_line: bool = True


def _field(name: str, file: str, old: str, new: str, *, one_line: bool = True) -> Field:
    return Field(name, ((file, old, new),), one_line)


T, S, V1, V2 = "plans/terms.yaml", "plans/sources.yaml", "plans/v1.yaml", "plans/v2.yaml"
FIELDS = [
    _field("term label", T, "  label: Troop cap\n", '  label: "Troop cap{p}"\n'),
    _field("term unit", T, "  unit: personnel\n", '  unit: "personnel{p}"\n'),
    _field("term currency", T, "  currency: USD\n", '  currency: "USD{p}"\n'),
    _field("choice label", T, "    barred: Barred\n", '    barred: "Barred{p}"\n'),
    _field("term description", T, "  label: Troop cap\n",
           '  label: Troop cap\n  description: "Caps{p} it"\n', one_line=False),
    _field("source outlet", S, "  outlet: Outlet A\n", '  outlet: "Outlet A{p}"\n'),
    _field("source title", S, "  outlet: Outlet A\n", '  outlet: Outlet A\n  title: "T{p}"\n'),
    _field("source language", S, "  outlet: Outlet A\n",
           '  outlet: Outlet A\n  language: "en{p}"\n'),
    _field("source note", S, "  outlet: Outlet A\n", '  outlet: Outlet A\n  note: "N{p}"\n',
           one_line=False),
    _field("source url", S, "  url: https://example.org/a\n", '  url: "https://example.org/a{p}"\n'),
    _field("version title", V1, "title: First\n", 'title: "First{p}"\n'),
    _field("version summary", V1, "status: leaked\n", 'status: leaked\nsummary: "S{p}"\n',
           one_line=False),
    _field("version note", V1, "status: leaked\n", 'status: leaked\nnote: "N{p}"\n',
           one_line=False),
    _field("parties", V1, "status: leaked\n", 'status: leaked\nparties: [US, "UA{p}"]\n'),
    _field("clause title", V1, "    title: Army cap\n", '    title: "Army cap{p}"\n'),
    _field("clause topic", V1, "    title: Army cap\n",
           '    title: Army cap\n    topic: "mil{p}"\n'),
    _field("clause number", V1, "    number: 1\n    title", '    number: "1{p}"\n    title'),
    _field("clause text", V1, "    text: The army will be capped at 600,000.\n",
           '    text: "The army will be capped{p} at 600,000."\n', one_line=False),
    _field("clause note", V1, "    title: Army cap\n", '    title: Army cap\n    note: "N{p}"\n',
           one_line=False),
    _field("citation quote", V1, 'quote: "capped"}', 'quote: "capped{p}"}', one_line=False),
    _field("citation note", V1, 'quote: "capped"}', 'quote: "capped", note: "N{p}"}',
           one_line=False),
    _field("claim note", V2, "            note: no limit\n", '            note: "no limit{p}"\n',
           one_line=False),
    _field("unknown reason", V2, "terms: {fund: 150000000000, days: 100}",
           'terms: {fund: 150000000000, days: {unknown: "gone{p}"}}', one_line=False),
    Field("text term value", ((T, "fund:\n", "memo:\n  label: Memo\n  type: text\nfund:\n"),
                              (V1, "terms: {cap: 600000}", 'terms: {cap: 600000, memo: "M{p}"}'))),
]
# Each payload as written in a double-quoted YAML scalar, and the code `check` gives it.
REFUSED = {
    "ansi": (r"\e[1A\e[2K plandiff: ok", "control-character"),
    "carriage return": (r"\r::warning title=Maintainers::Reviewed and approved\r::stop-commands::x",
                        "control-character"),
    "nul": (r"\0", "control-character"),
    "next line (C1)": (r"\N::error::forged", "control-character"),
    "line separator": (r"\L::error::forged", "control-character"),
    "right-to-left override": (r"\u202e", "bidi-control"),
    "isolate": (r"\u2066", "bidi-control"),
    "lone surrogate": (r"\ud800", "lone-surrogate"),
    "low surrogate": (r"\udfff", "lone-surrogate"),
}
# Refused only in one-line fields (labels, units, titles, ids, URLs).
ONE_LINE_ONLY = {
    "line feed": (r"\n\n[Read the full plan](https://phish.example/login)\n<img src=x>",
                  "control-character"),
    "tab": (r"\t", "control-character"),
}
CASES = [pytest.param(field, payload, code, id=f"{field.name}:{name}")
         for field in FIELDS
         for name, (payload, code) in
         {**REFUSED, **(ONE_LINE_ONLY if field.one_line else {})}.items()]
# The commands that load the plan; they share one loader, so each case runs one of them in turn
# (every one meets every payload class in the test after).
LOADING = [["log"], ["diff", "v1", "v2"], ["show", "v1"], ["show", "v1", "-f", "text"],
           ["history", "cap"], ["report", "v1", "v2"], ["diff", "v1", "v2", "-f", "json"],
           ["site", "{out}"], ["report", "v1", "v2", "-f", "html", "-o", "{out}"]]


def plans_with(field: Field, payload: str) -> dict[str, str]:
    files = dict(LINEAGE_PLANS)
    for file, old, new in field.edits:
        assert old in files[file], (field.name, old)
        files[file] = files[file].replace(old, new.replace("{p}", payload), 1)
    return files


# What no output may hold raw: C0 controls but tab and line feed, DEL, C1, line and paragraph
# separators, bidirectional controls, invisible characters, lone surrogates.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                    "\u200b-\u200f\u2060-\u2064\u00ad\ufeff\u180e\ud800-\udfff]")
LOCATED = re.compile(r"^plans/[a-z0-9]+\.yaml:\d+:\d+: (error|warning): .* \[[a-z-]+\]")


def assert_plain(text: str) -> None:
    """No character that steers a terminal or hides text, no lone surrogate."""
    assert not HIDDEN.search(text), repr(HIDDEN.search(text))


# --- check refuses, every loading command refuses alike -------------------------------------


@pytest.mark.parametrize(("field", "payload", "code"), CASES)
def test_check_refuses_hidden_characters_in_every_field_and_every_command_says_so(
        run, make_repo, field: Field, payload: str, code: str) -> None:
    root = make_repo(plans_with(field, payload))
    checked = run("check", root=root)
    assert checked.exit_code == 1, checked.stdout
    assert_plain(checked.stdout)
    lines = checked.stdout.splitlines()
    assert all(LOCATED.match(line) for line in lines[:-1]), checked.stdout
    assert any(f"[{code}]" in line and ": error: " in line for line in lines), checked.stdout
    github = run("check", "--format", "github", root=root).stdout
    assert all(line.startswith("::error file=plans/") for line in github.splitlines()), github
    assert_plain(github)
    data = json.loads(run("check", "--format", "json", root=root).stdout)
    assert any(p["code"] == code and p["line"] for p in data["problems"])
    index = next(i for i, case in enumerate(CASES) if case.values == (field, payload, code))
    assert_loading_refuses(run, root, LOADING[index % len(LOADING)], code)


def assert_loading_refuses(run, root: Path, args: list[str], code: str) -> None:
    """Refused with the located problem (exit 2, nothing written); or, where the command can do
    without the broken version file, run without it, saying so."""
    out = root.parent / f"{root.name}-out"
    result = run(*(a.replace("{out}", str(out)) for a in args), root=root)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert_plain(result.output)
    if result.exit_code == 0:
        assert "is left out" in result.stderr, (args, result.output)
        return
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == "" and f"[{code}]" in result.stderr, (args, result.output)
    assert not out.exists()


@pytest.mark.parametrize("args", LOADING, ids=" ".join)
@pytest.mark.parametrize("name", list(REFUSED) + list(ONE_LINE_ONLY))
def test_every_loading_command_refuses_every_class(run, make_repo, args: list[str],
                                                  name: str) -> None:
    payload, code = {**REFUSED, **ONE_LINE_ONLY}[name]
    field = FIELDS[(list(REFUSED) + list(ONE_LINE_ONLY)).index(name) % 4]  # a label or unit
    assert_loading_refuses(run, make_repo(plans_with(field, payload)), args, code)


@pytest.mark.parametrize("field", [f for f in FIELDS
                                   if f.name not in ("source url", "source language")],
                         ids=lambda f: f.name)
def test_an_invisible_character_in_any_field_is_a_located_warning(run, make_repo,
                                                                 field: Field) -> None:
    checked = run("check", root=make_repo(plans_with(field, r"\u200b")))
    assert checked.exit_code == 0, checked.stdout
    assert ": warning: invisible character U+200B in " in checked.stdout
    assert "[invisible-character]" in checked.stdout
    assert_plain(checked.stdout)


def test_line_breaks_and_tabs_stay_allowed_in_paragraph_fields(run, make_repo) -> None:
    for field in (f for f in FIELDS if not f.one_line):
        checked = run("check", root=make_repo(plans_with(field, r"\n\tmore")))
        assert checked.exit_code == 0, (field.name, checked.stdout)


def test_a_lone_surrogate_in_a_key_or_a_file_name_is_located_not_an_internal_error(
        run, make_repo) -> None:
    files = dict(LINEAGE_PLANS)
    files[V1] = files[V1].replace("status: leaked\n", 'status: leaked\n"x\\ud800\\e[2K": 1\n')
    root = make_repo(files)
    (root / "plans" / "w\udcff\x1b[2K.yaml").write_bytes((root / "plans" / "v2.yaml").read_bytes())
    for args in (["check"], ["check", "-f", "json"], ["check", "-f", "github"], ["log"]):
        result = run(*args, root=root)
        assert result.exit_code in (1, 2), (args, result.output)
        assert "internal error" not in result.output and "Traceback" not in result.output
        assert "lone surrogate U+D800 in the key 'x" in result.output, args
        assert "w⟨U+DCFF⟩⟨U+001B⟩[2K" in result.output, args
        assert_plain(result.output)


# --- the source url -------------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/a",
    "//example.org/a", "https://", "https:///path", "https://example.org/a b",
    'https://example.org/a"><img src=x>', "https://example.org/<img>", "example.org/a",
    "https://[::1", "https://example.org:99999999/",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_check_refuses_any_url_but_one_http_url(run, make_repo, url: str) -> None:
    files = dict(LINEAGE_PLANS)
    files[S] = files[S].replace("  url: https://example.org/a\n", f"  url: {json.dumps(url)}\n")
    checked = run("check", root=make_repo(files))
    assert checked.exit_code == 1, checked.stdout
    assert "plans/sources.yaml:4:8: error: source `a`: `url`" in checked.stdout
    assert "[bad-url]" in checked.stdout


@pytest.mark.parametrize("url", ["https://example.org/a?q=1&r=(2)#frag", "HTTP://EXAMPLE.ORG",
                                 "https://xn--80ak6aa92e.com/%D0%B0", "http://127.0.0.1:8080/"])
def test_an_ordinary_url_passes_and_is_linked(run, make_repo, url: str) -> None:
    files = dict(LINEAGE_PLANS)
    files[S] = files[S].replace("  url: https://example.org/a\n", f"  url: {json.dumps(url)}\n")
    root = make_repo(files)
    assert run("check", root=root).exit_code == 0
    assert f"<{url}>" in run("report", "v1", "v2", root=root).stdout


def test_views_link_no_url_that_check_would_refuse() -> None:
    """Views do not rely on check: a refused url is shown as escaped text, never linked."""
    from plandiff.core.models import Source
    from plandiff.i18n import ENGLISH
    from plandiff.render import markdown as md
    from plandiff.render.html import render_fragment

    hostile = ("https://example.org/a\n\n[Read the full plan](https://phish.example/login)\n"
               "<img src=x>")
    notes = md.footnotes(ENGLISH, {"a": Source(outlet="A", url=hostile)}, {})
    text = "\n".join(notes)
    assert "\n" not in text and not re.search(r"(?<!\\)[<\[]", text.split(": ", 1)[1]), text
    html = render_fragment(f"Cited.[^a]\n\n{text}\n")
    assert "<img" not in html and "phish.example/login\"" not in html and "href=\"https" not in html


# --- text that is markup to some view passes check and prints as itself -------------------

MARKUP = ("[/b] [link=https://evil.example]click[/link] [bold red]loud "
          "<img src=x onerror=alert(1)> [Read the full plan](https://phish.example/login) "
          "``` # @someone | `tick` *em* ~~del~~ %0A ::error::forged")
DISPLAY_FIELDS = [f for f in FIELDS if f.name not in ("source url", "parties", "clause number",
                                                      "text term value", "term currency",
                                                      "source language")]
DISPLAY_COMMANDS = [["log"], ["log", "-f", "markdown"], ["diff", "v1", "v2", "--all"],
                    ["diff", "v1", "v2", "-f", "markdown", "--all"], ["show", "v1"],
                    ["show", "v2"], ["show", "v1", "-f", "markdown"], ["show", "v1", "-f", "text"],
                    ["history", "cap"], ["history", "cap", "-f", "markdown"],
                    ["history", "army"], ["history", "army", "-f", "markdown"],
                    ["report", "v1", "v2"], ["report", "v1", "v2", "-f", "html"]]
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def assert_markdown_is_inert(text: str) -> None:
    """Parsed as GitHub would: no raw HTML, link or image but plandiff's own, no fence but the
    Mermaid chart's, no @-mention."""
    for token in _MD.parse(text):
        if token.type == "html_block":  # plandiff's own folding blocks only
            # (an id inside a summary is plandiff's own <code>: backticks would show as written)
            assert re.fullmatch(r"(<details><summary>(?:[^<>]|<code>[^<>]*</code>)*</summary>"
                                r"|</details>|"
                                r"<!-- plandiff-review -->)\n",
                                token.content), token.content
        if token.type == "fence":  # the chart: each label one quoted string, no tag or entity
            assert token.info == "mermaid", token.content
            for line in token.content.splitlines():
                assert line.count('"') % 2 == 0, line
                labels = re.findall(r'"[^"]*"', line)
                assert not any(re.search(r"[<>#`]", label) for label in labels), line
        for child in token.children or []:
            assert child.type not in ("html_inline", "image"), (child.type, child.content)
            if child.type == "link_open":
                assert "phish" not in str(child.attrs.get("href")), child.attrs
                assert "evil" not in str(child.attrs.get("href")), child.attrs
    assert "@someone" not in re.sub(r"```mermaid\n.*?```\n", "", text, flags=re.DOTALL)


def assert_html_is_inert(text: str) -> None:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            assert tag not in ("img", "script", "iframe"), tag
            for name, value in attrs:
                assert not name.startswith("on"), name
                assert "phish" not in (value or "") and "evil" not in (value or ""), value

    Tags().feed(text)


@pytest.mark.parametrize("field", DISPLAY_FIELDS, ids=lambda f: f.name)
def test_markup_in_any_field_prints_as_itself_in_every_view(run, make_repo,
                                                           field: Field) -> None:
    payload = MARKUP.replace("\\", "\\\\").replace('"', '\\"')
    root = make_repo(plans_with(field, " " + payload))
    checked = run("check", root=root)
    assert checked.exit_code == 0, checked.stdout
    shown = False
    for args in DISPLAY_COMMANDS:
        result = run(*args, root=root)
        assert result.exit_code == 0, (args, result.output)
        out = result.stdout
        assert not out.startswith("::") and "\n::" not in out, args
        if "markdown" in args or (args[0] == "report" and "html" not in args):
            assert_markdown_is_inert(out)
        elif "html" in args:
            assert_html_is_inert(out)
        else:  # a terminal or plain-text view: the markup shows as written
            flat = " ".join(out.split())  # a view may wrap a long text at the width
            shown = shown or "[/b] [link=https://evil.example]click[/link]" in flat
            assert "<img src=x onerror=alert(1)>" in flat or "[/b]" not in out, args
    assert shown or field.name in ("citation note", "source note", "source language",
                                   "version note", "clause note", "term description",
                                   "source title", "claim note", "source outlet",
                                   "clause topic"), field.name


def test_a_title_with_rich_markup_no_longer_crashes_log_and_history(run, make_repo) -> None:
    files = dict(LINEAGE_PLANS)
    files[V1] = files[V1].replace("title: First\n", "title: 'First [/b] [link=https://x]y[/link]'\n")
    files[T] = files[T].replace("  label: Troop cap\n", "  label: 'Troop [/b] cap'\n")
    root = make_repo(files)
    log = run("log", root=root)
    assert log.exit_code == 0 and "First [/b] [link=https://x]y[/link]" in log.stdout
    history = run("history", "cap", root=root)
    assert history.exit_code == 0 and "Troop [/b] cap" in history.stdout


def test_a_label_cannot_leave_the_mermaid_chart(run, make_repo) -> None:
    files = dict(LINEAGE_PLANS)
    files[T] = files[T].replace("  label: Troop cap\n", "  label: 'Troop \" cap ``` #35; <b>'\n")
    files[T] = files[T].replace("  unit: personnel\n", "  unit: 'people\" ]'\n")
    chart = run("history", "cap", "-f", "markdown", root=make_repo(files)).stdout
    block = chart.split("```mermaid\n", 1)[1].split("\n```\n", 1)[0]
    title = next(line for line in block.splitlines() if line.strip().startswith("title"))
    assert title.count('"') == 2 and "<b>" not in block and "#35;" not in block
    assert "```" not in block


# --- review and textconv: data that check has not passed -----------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


_COMMAND = re.compile(r"^::(notice|warning|error) (?P<props>[^:]*)::(?P<message>.*)$")


def assert_annotations(text: str) -> int:
    """Every line one workflow command, its properties file/line/col/title and nothing else."""
    lines = text.splitlines()
    for line in lines:
        found = _COMMAND.match(line)
        assert found, line
        names = [prop.split("=", 1)[0] for prop in found.group("props").split(",")]
        assert set(names) <= {"file", "line", "col", "title"}, line
        assert len(names) == len(set(names)), line
        assert "\r" not in line and "::" not in found.group("props")
    assert_plain(text)
    return len(lines)


# One payload of each class (git repositories are slow to make), in the fields review prints.
REVIEWED = [c for c in CASES if c.id.split(":")[0] in (
    "term label", "term unit", "choice label", "version title", "clause title", "clause text",
    "citation quote", "source outlet") and c.id.split(":")[1] in (
    "ansi", "carriage return", "right-to-left override", "lone surrogate", "line feed")]


@pytest.mark.parametrize(("field", "payload", "code"), REVIEWED)
def test_review_shows_hostile_data_visibly_and_its_annotations_stay_one_per_line(
        run, make_repo, field: Field, payload: str, code: str) -> None:
    root = make_repo(LINEAGE_PLANS)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    for file, text in plans_with(field, payload).items():
        (root / file).write_text(text, encoding="utf-8")
    (root / "plans" / "v1.yaml").write_text((root / "plans" / "v1.yaml").read_text().replace(
        "terms: {cap: 600000", "terms: {cap: 650000"), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "change")
    for fmt in ("terminal", "markdown", "github"):
        result = run("review", "HEAD~1", "HEAD", "--format", fmt, root=root)
        assert result.exit_code == 1, (fmt, result.output)
        assert f"[{code}]" in result.stdout or f"plandiff {code}::" in result.stdout, fmt
        assert "internal error" not in result.output
        assert_plain(result.stdout)
        if fmt == "github":
            assert assert_annotations(result.stdout) >= 2
        if fmt == "markdown":
            assert result.stdout.index("### Problems") < result.stdout.index("### Changes")
            assert_markdown_is_inert(result.stdout)


def test_review_annotations_escape_file_names_and_titles(run, make_repo) -> None:
    root = make_repo(LINEAGE_PLANS)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    forged = "v3,line=1::x\n::error file=README.md,title=Approved::All good\r%0A.yaml"
    (root / "plans" / forged).write_text((root / "plans" / "v2.yaml").read_text().replace(
        "id: v2", "id: v3"), encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "forge")
    out = run("review", "HEAD~1", "HEAD", "--format", "github", root=root).stdout
    assert assert_annotations(out) >= 1
    assert "file=plans/v3%2Cline=1%3A%3Ax%0A%3A%3Aerror file=README.md%2Ctitle=Approved%3A%3A" \
        "All good⟨U+000D⟩%250A.yaml" in out
    assert not any(line.startswith("::error file=README.md") for line in out.splitlines())


def test_review_markdown_keeps_problems_when_it_is_cut_to_githubs_limit() -> None:
    from plandiff.core.problems import Problem
    from plandiff.render.review import markdown
    from plandiff.repo.review import ReviewResult, VersionChange

    problems = [Problem("plans/v1.yaml", f"problem {i}", "uncited-change") for i in range(3)]
    result = ReviewResult("main", "pr", [], [VersionChange(f"v{i}", f"plans/v{i}.yaml", "added",
                                                            None) for i in range(5000)],
                          ["terms.yaml: added x"] * 5000, problems)
    text = markdown(result, limit=2000)
    assert len(text) <= 2000 and text.endswith("lists every problem.\n")
    assert all(f"problem {i}" in text for i in range(3))
    assert text.index("### Problems") < text.index("### Changes")


@pytest.mark.parametrize(("field", "payload", "code"), CASES)
def test_textconv_shows_hostile_data_visibly(run, make_repo, field: Field, payload: str,
                                             code: str) -> None:
    root = make_repo(plans_with(field, payload))
    for file, _, new in field.edits:
        result = run("textconv", str(root / file), root=root)
        assert result.exit_code == 0, result.output
        assert_plain(result.stdout)
        shown = file in (T, S) or field.name in TEXTCONV_SHOWS
        if "{p}" in new and shown and payload not in FOLDED:
            assert "⟨U+" in result.stdout, result.stdout


# Payloads that are white space to Python, which textconv folds into one space.
FOLDED = {REFUSED[name][0] for name in ("carriage return", "next line (C1)", "line separator")} | {
    payload for payload, _ in ONE_LINE_ONLY.values()}
# What textconv prints of a version file (all of terms.yaml and sources.yaml).
TEXTCONV_SHOWS = {"version title", "version summary", "parties", "clause title", "clause number",
                  "clause text", "citation quote"}


# --- denial of service: linear algorithms (the figures are in bench/run.py --sections hostile) --


def test_the_lines_a_change_adds_are_those_the_new_file_holds_more_often() -> None:
    from plandiff.repo.review import _added_lines

    old = b"a\nb\nc\nb\n"
    assert _added_lines(None, b"x\ny\n") == [(1, "x"), (2, "y")]
    assert _added_lines(old, old) == []
    assert _added_lines(old, b"c\na\nb\nb\n") == []  # moved, not added
    assert _added_lines(old, b"a\nNEW\nb\nc\nb\nb\n") == [(2, "NEW"), (6, "b")]
    assert _added_lines(b"".join(b"p%d\n" % i for i in range(3000)),
                        b"".join(b"q%d\n" % i for i in range(3000)))[-1] == (3000, "q2999")


def test_locating_many_keys_reads_each_mapping_once() -> None:
    """Each problem used to scan its mapping's keys, so 40,000 unknown keys took minutes."""
    from plandiff.repo.located_yaml import Document

    text = "".join(f"k{index}: {index}\n" for index in range(2000)) + "k5: again\n"
    document = Document(Path("v.yaml"), "v.yaml", text)
    scans = 0

    class Counted(list):  # the mapping node's (key, value) pairs, counting full scans
        def __iter__(self):
            nonlocal scans
            scans += 1
            return super().__iter__()

    assert document.locate(("k0",)) == (1, 5)
    document.node.value = Counted(document.node.value)
    for index in range(0, 2000, 7):
        assert document.locate((f"k{index}",)) == (index + 1, len(f"k{index}: ") + 1)
    assert document.locate(("k5",), at_key=True) == (6, 1)  # the first of duplicate keys
    assert document.locate(("nope",)) == (1, 1)
    assert scans <= 1


@pytest.mark.parametrize("name", ["ansi", "carriage return", "right-to-left override",
                                  "isolate", "lone surrogate", "invisible"])
@pytest.mark.parametrize("field", [f for f in FIELDS if f.name in (
    "term label", "version title", "clause text", "citation quote")], ids=lambda f: f.name)
def test_fmt_keeps_a_hidden_character_an_escape(run, make_repo, field: Field, name: str) -> None:
    """ruamel would write `"\\u202e"` back as the raw, invisible character."""
    payload = REFUSED[name][0] if name in REFUSED else r"\u200b"
    root = make_repo(plans_with(field, payload + " الجيش"))
    result = run("fmt", root=root)
    assert result.exit_code == 0, result.output
    for file in {file for file, _, _ in field.edits}:
        assert_plain((root / file).read_text(encoding="utf-8"))
    assert run("fmt", "--check", root=root).exit_code == 0


BYPASSED = ("term label", "term unit", "choice label", "term currency", "version title",
            "clause title", "clause text", "citation quote", "claim note", "version summary",
            "source outlet", "unknown reason")


# (Without check, pydantic refuses a lone surrogate in some fields, placelessly: not tried here.)
@pytest.mark.parametrize("name", [n for n in [*REFUSED, *ONE_LINE_ONLY] if "surrogate" not in n])
def test_every_view_shows_hidden_characters_even_past_check(run, make_repo, monkeypatch,
                                                            name: str) -> None:
    """Views do not rely on check: with its test of hidden characters switched off, hostile
    labels, titles, texts and quotes reach every view, which shows them as ⟨U+…⟩."""
    import plandiff.core.validate

    monkeypatch.setattr(plandiff.core.validate, "hidden_character_problems", lambda *_: [])
    payload = {**REFUSED, **ONE_LINE_ONLY}[name][0]
    files = dict(LINEAGE_PLANS)
    for field in (f for f in FIELDS if f.name in BYPASSED):
        for file, old, new in field.edits:
            files[file] = files[file].replace(old, new.replace("{p}", payload), 1)
    root = make_repo(files)
    assert run("check", root=root).exit_code == 0
    for args in DISPLAY_COMMANDS:
        result = run(*args, root=root)
        assert result.exit_code == 0, (args, result.output)
        assert_plain(result.stdout)
        assert "⟨U+" in result.stdout or payload in FOLDED, args
        if "markdown" in args or (args[0] == "report" and "html" not in args):
            assert_markdown_is_inert(result.stdout)
        elif "html" in args:
            assert_html_is_inert(result.stdout)


@pytest.mark.parametrize("name", ["ansi", "right-to-left override", "lone surrogate"])
@pytest.mark.parametrize("where", ["party name", "text", "quote", "note"])
def test_positions_yaml_is_checked_like_every_file(run, make_repo, where: str, name: str) -> None:
    payload, code = REFUSED[name]
    p = {"party name": "", "text": "", "quote": "", "note": "", where: payload}
    files = dict(LINEAGE_PLANS)
    files["plans/positions.yaml"] = (
        f'parties:\n  UA: "Ukraine{p["party name"]}"\npositions:\n  - party: UA\n'
        f'    term: cap\n    stance: demand\n    date: 2025-01-02\n    text: "No cap{p["text"]}"\n'
        f'    cites:\n      - source: a\n        quote: "capped{p["quote"]}"\n'
        f'        note: "N{p["note"]}"\n')
    root = make_repo(files)
    checked = run("check", root=root)
    assert checked.exit_code == 1, checked.stdout
    assert sum(f"[{code}]" in line and line.startswith("plans/positions.yaml:")
               for line in checked.stdout.splitlines()) == 1, checked.stdout
    assert_plain(checked.stdout)
    for args in (["positions"], ["diff", "v1", "v2"]):
        result = run(*args, root=root)
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert_plain(result.output)


# --- a source's language: a code, nothing else ----------------------------------------------

LANGUAGE_MARKUP = ["en [Read the full plan](https://phish.example/login)", "![i](https://evil.example/i.png)",
                   "<img src=x onerror=alert(1)>", "@someone", "e\u202en", "english", "a"]


@pytest.mark.parametrize("language", LANGUAGE_MARKUP)
def test_a_source_language_is_a_language_code_or_check_refuses_it(run, make_repo,
                                                                   language: str) -> None:
    files = dict(LINEAGE_PLANS)
    files[S] = files[S].replace("  outlet: Outlet A\n",
                                f'  outlet: Outlet A\n  language: "{language}"\n')
    root = make_repo(files)
    checked = run("check", root=root)
    assert checked.exit_code == 1, checked.stdout
    assert "plans/sources.yaml:3:13: error: source `a`: `language`" in checked.stdout
    assert "is not a language code" in checked.stdout and "[bad-language]" in checked.stdout
    shown = run("show", "v1", "--lang", "ar", "--format", "markdown", root=root)
    assert shown.exit_code == 2 and "phish" not in shown.stdout and "@someone" not in shown.stdout


@pytest.mark.parametrize("language", ["en", "ar", "pt-BR", "zh-Hant", "sr-Latn-RS"])
def test_a_language_code_passes_check(run, make_repo, language: str) -> None:
    files = dict(LINEAGE_PLANS)
    files[S] = files[S].replace("  outlet: Outlet A\n",
                                f"  outlet: Outlet A\n  language: {language}\n")
    assert run("check", root=make_repo(files)).exit_code == 0


def test_views_print_no_language_field_that_check_would_refuse() -> None:
    """Views do not rely on check: a source's `language:` that is no code is shown as
    'unknown language', in every view that names it, and escaped besides."""
    from plandiff.core.models import Source
    from plandiff.i18n import Locale
    from plandiff.render import markdown as md

    hostile = "en [Read the full plan](https://phish.example/login) <img src=x> @someone"
    arabic = Locale.of("ar")
    assert arabic.quote_language_name(hostile) == arabic.quote_language_name(None)
    notes = "\n".join(md.footnotes(arabic, {"a": Source(outlet="A", language=hostile)},
                                    {"a": ["q"]}))
    assert "phish" not in notes and "@someone" not in notes and "<img" not in notes
    assert_markdown_is_inert(notes)


def test_every_character_check_looks_for_is_unprintable() -> None:
    """`check` looks for hidden characters only in a string that str.isprintable refuses (all the
    corpus's strings are printable: the search was a third of walking its values), so every
    character of the classes, line breaks included, must be one it refuses."""
    from plandiff.core.hidden_characters import NOTABLE

    found = [chr(code) for code in range(0x110000) if NOTABLE.match(chr(code))]
    assert len(found) > 2000  # the classes, surrogates included
    assert [f"U+{ord(c):04X}" for c in found if c.isprintable()] == []


def test_a_diff_of_printable_text_compiles_no_hidden_character_pattern() -> None:
    """The patterns are compiled on first use (2.5 ms of every command): reading, checking and
    printing the corpus, whose text is all printable, needs none of them."""
    script = ("import sys\nfrom plandiff.cli.main import main\nmain(['v28', 'geneva'])\n"
              "import plandiff.core.hidden_characters as h\n"
              "sys.stderr.write(repr(sorted(set(h._PATTERNS) & set(vars(h)))))")
    env = {**os.environ, "PLANDIFF_CACHE": "0"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.stderr.splitlines()[-1] == "[]"
