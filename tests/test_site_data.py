"""The site's data for newsrooms: an Atom feed of versions in English and Arabic (read by a real
feed parser), static JSON endpoints that validate against the published schemas, and an
embeddable card per numeric term (loaded in Chromium in both languages)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from browser import load, screenshot, text_of
from conftest import REPO
from plandiff import api

SCHEMAS = REPO / "docs" / "schema"
VERSIONS = list(api.open_plan(REPO).plan.versions)


def _site(tmp_path_factory: pytest.TempPathFactory, *args: str) -> Path:
    from typer.testing import CliRunner

    from plandiff.cli.app import app

    out = tmp_path_factory.mktemp("site") / "out"
    result = CliRunner().invoke(app, ["site", str(out), "--root", str(REPO), "--lang", "ar",
                                      *args], catch_exceptions=False,
                                env={"PLANDIFF_ROOT": "", "NO_COLOR": "1", "PLANDIFF_LANG": ""})
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_feed_has_one_entry_per_version_newest_first_linking_its_change_report(
        site: Path, lang: str) -> None:
    import feedparser

    folder = site if lang == "en" else site / "ar"
    host = "https://news.example/tracker/" + ("" if lang == "en" else "ar/")
    parsed = feedparser.parse((folder / "feed.xml").read_bytes(), response_headers={
        "content-location": host + "feed.xml", "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    entries = parsed.entries
    # the version's id before the dash («النسخة geneva — …» in Arabic)
    assert sorted(e.title.split(" — ")[0].split()[-1] for e in entries) == sorted(VERSIONS)
    dates = [e.updated_parsed for e in entries]
    assert dates == sorted(dates, reverse=True)
    by_id = {e.title.split(" — ")[0].split()[-1]: e for e in entries}
    geneva = by_id["geneva"]
    assert geneva.link == host + "diffs/v28..geneva.html"  # relative to the feed
    assert len({e.id for e in entries}) == len(entries)
    if lang == "en":
        assert geneva.title == "geneva — Geneva revision (US–Ukraine)"
        assert "Number of points in the plan: 28 → 19 points" in geneva.summary
        assert "Removed: amnesty Full amnesty" in geneva.summary
        assert by_id["miami-oct"].link.endswith("versions/miami-oct.html")  # a root: its page
    else:
        assert re.search("[\u0600-\u06ff]", geneva.title)
        assert "28 ← 19" in geneva.summary or "← 19" in geneva.summary
    for entry in entries:
        assert (folder / entry.link.removeprefix(host)).is_file(), entry.link


def test_the_index_links_the_feed_and_the_data(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in index and 'href="api/index.json"' in index
    arabic = (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in arabic and 'href="../api/index.json"' in arabic


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _errors(validator: jsonschema.Draft202012Validator, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_every_json_endpoint_validates_against_its_published_schema(site: Path, run) -> None:
    folder = site / "api"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert not _errors(_validator("api-index"), index)
    kinds = {"versions": "show", "diffs": "diff", "terms": "history"}
    seen = set()
    for key, schema in kinds.items():
        validator = _validator(schema)
        for item in index[key]:
            assert not item["url"].startswith(("/", "http")), item  # relative, host anywhere
            document = folder / item["url"]
            seen.add(document)
            data = json.loads(document.read_text(encoding="utf-8"))
            assert not _errors(validator, data), (item["url"], _errors(validator, data)[:3])
    assert seen == set(folder.rglob("*.json")) - {folder / "index.json"}
    assert {v["id"] for v in index["versions"]} == set(VERSIONS)
    geneva = next(v for v in index["versions"] if v["id"] == "geneva")
    assert geneva["report"] == "diffs/v28..geneva.json"
    # the endpoints hold the views' own JSON (written compact)
    def same(path: str, *command: str) -> None:
        text = (folder / path).read_text(encoding="utf-8")
        assert "\n" not in text.rstrip("\n")  # compact
        assert json.loads(text) == json.loads(run(*command, "-f", "json", root=REPO).stdout)

    same(geneva["report"], "diff", "v28", "geneva")
    same(geneva["url"], "show", "geneva")
    cap = next(t for t in index["terms"] if t["id"] == "ukraine-troop-cap")
    same(cap["url"], "history", "ukraine-troop-cap")


def test_the_schemas_reject_a_broken_document(site: Path) -> None:
    data = json.loads((site / "api" / "diffs" / "v28..geneva.json").read_text(encoding="utf-8"))
    data["clauses"][0]["change"] = "rewritten"
    data["base"]["date"] = "20 November"
    messages = " ".join(_errors(_validator("diff"), data))
    assert "'rewritten' is not one of" in messages and "20 November" in messages
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    index["terms"][0]["url"] = "https://elsewhere.example/terms/x.json"
    assert _errors(_validator("api-index"), index)


def test_export_json_writes_the_sites_endpoints(site: Path, run, tmp_path: Path) -> None:
    out = tmp_path / "json"
    result = run("export", "--json", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    written = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.json")}
    folder = site / "api"
    published = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.json")}
    assert written == published


def test_each_numeric_term_has_a_card_its_page_links_with_an_embed_snippet(
        site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    card = site / "cards" / "ukraine-troop-cap.html"
    page = (site / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert 'href="../cards/ukraine-troop-cap.html"' in page
    assert ("&lt;iframe src=&quot;cards/ukraine-troop-cap.html&quot;" in page
            and "width=&quot;640&quot; height=&quot;560&quot;" in page)
    text = text_of(card.read_text(encoding="utf-8"))
    assert "Cap on Ukraine's armed forces" in text and "Latest:" in text and "Sources:" in text
    assert (site / "ar" / "cards" / "ukraine-troop-cap.html").is_file()
    assert not (site / "cards" / "ukraine-nato-membership.html").exists()  # a choice: no chart
    hosted = _site(tmp_path_factory, "--base-url", "https://news.example/tracker/")
    arabic = (hosted / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert ("src=&quot;https://news.example/tracker/ar/cards/ukraine-troop-cap.html&quot;"
            in arabic)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_card_renders_in_chromium_in_an_iframe_sized_window(site: Path, lang: str,
                                                                 tmp_path: Path) -> None:
    card = site / "cards" / "ukraine-troop-cap.html"
    if lang == "ar":
        card = site / "ar" / "cards" / "ukraine-troop-cap.html"
    dom, console = load(card)
    assert console == []  # nothing blocked, nothing missing
    text = text_of(dom)
    # v20's value, and its source (in Arabic as the Arabic press names the outlet)
    assert "800,000" in text and ("Censor.net" if lang == "en" else "سنسور.نت") in text
    if lang == "ar":
        assert 'dir="rtl"' in dom and "الأحدث" in text
    shot = tmp_path / f"card-{lang}.png"
    screenshot(card, shot, "640,560")
    assert shot.stat().st_size > 10_000  # drawn (looked at by eye when the card changed)


def test_hostile_text_stays_text_in_the_feed(run, make_repo, tmp_path: Path) -> None:
    import feedparser

    from conftest import LINEAGE_PLANS

    files = dict(LINEAGE_PLANS)
    files["plans/v2.yaml"] = files["plans/v2.yaml"].replace(
        "title: Second", 'title: "<script>alert(1)</script> &amp; Second ]]>"')
    root = make_repo(files)
    result = run("site", str(tmp_path / "site"), root=root)
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "site" / "feed.xml").read_bytes()
    assert b"<script>" not in raw
    parsed = feedparser.parse(raw, response_headers={"content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    (second,) = [e for e in parsed.entries if e.title.startswith("v2 — ")]
    assert second.title == "v2 — <script>alert(1)</script> &amp; Second ]]>"
