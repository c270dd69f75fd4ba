"""The red team's lows (issue 24, items 20 and 21): no live link from data in GitHub's Markdown,
hidden characters shown in titles, JSON and file names, numbers shown as the file states them."""

from __future__ import annotations

import json
from pathlib import Path

import cmarkgfm

from conftest import LINEAGE_PLANS

URLS = "See https://evil.example/pay and www.evil.example or WWW.Evil.Example now."


def _with(edits: dict[str, tuple[str, str]]) -> dict[str, str]:
    files = dict(LINEAGE_PLANS)
    for name, (old, new) in edits.items():
        assert old in files[name], old
        files[name] = files[name].replace(old, new, 1)
    return files


def test_a_bare_url_in_any_text_is_no_link_on_github(run, make_repo) -> None:
    # GitHub's autolink extension links `https://…` and `www.…` without any markup, although
    # the docs say data cannot add a link.
    root = make_repo(_with({"plans/v2.yaml": ("text: Brand new clause.", f'text: "{URLS}"')}))
    for args in (("diff", "v1", "v2", "--format", "markdown"),
                 ("report", "v1", "v2"), ("show", "v2", "--format", "markdown")):
        result = run(*args, root=root)
        assert result.exit_code == 0, result.output
        page = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
        assert "evil.example" in page.lower(), args
        assert 'href="https://evil' not in page and 'href="http://www.evil' not in page, args
        assert 'href="http://WWW.Evil' not in page, args


def test_hidden_characters_are_escapes_in_json_and_visible_in_page_titles(run, make_repo,
                                                                         tmp_path: Path) -> None:
    # U+200B, U+200F and U+FEFF pass `check` with a warning; they reached JSON and <title> raw.
    title = "Second\u200b\u200f\ufeff"
    root = make_repo(_with({"plans/v2.yaml": ("title: Second", f'title: "{title}"')}))
    shown = run("show", "v2", "--format", "json", root=root)
    assert shown.exit_code == 0
    assert "\u200b" not in shown.stdout and "\\u200b" in shown.stdout
    assert "\ufeff" not in shown.stdout and "\\u200f" in shown.stdout
    assert json.loads(shown.stdout)["version"]["title"] == title  # the data is unchanged
    diffed = run("diff", "v1", "v2", "--format", "json", root=root)
    assert "\u200b" not in diffed.stdout and json.loads(diffed.stdout)["head"]["title"] == title
    out = tmp_path / "site"
    assert run("site", str(out), root=root).exit_code == 0
    page = (out / "versions" / "v2.html").read_text(encoding="utf-8")
    head = page.split("</title>")[0]
    assert "\u200b" not in head and "⟨U+200B⟩" in head


def test_numbers_show_every_decimal_the_file_states(run, make_repo) -> None:
    # 19.004 showed as "19" and 50 -> 50.0004 as "50% -> 50% (+0)".
    root = make_repo(_with({
        "plans/v1.yaml": ("terms: {cap: 600000}", "terms: {cap: 19}"),
        "plans/v2.yaml": ("          - value: 800000", "          - value: 19.004"),
    }))
    result = run("diff", "v1", "v2", root=root)
    assert "Troop cap: 19 personnel → disputed: 19.004 personnel (+0.004," in result.stdout
    data = json.loads(run("diff", "v1", "v2", "--format", "json", root=root).stdout)
    army = next(c for c in data["clauses"] if c["id"] == "army")
    claim = army["terms"][0]["claim_moves"][0] if "claim_moves" in army["terms"][0] else None
    assert claim is None or claim["delta"] == 0.004
    shown = run("show", "v2", root=root).stdout
    assert "19.004" in shown


def test_review_prints_no_raw_line_feed_of_a_file_name(run, make_repo) -> None:
    # A pull request can name a plan file "v3\nplans/v1.yaml (added)": the terminal showed two
    # lines, the second forged.
    import subprocess

    root = make_repo(LINEAGE_PLANS)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "HOME": str(root), "PATH": "/usr/bin:/bin"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    forged = root / "plans" / "v3\nplans forged: all clear.yaml"
    forged.write_text(LINEAGE_PLANS["plans/v2.yaml"].replace("id: v2", "id: v3"),
                      encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "forged")
    result = run("review", "HEAD~1", "HEAD", root=root)
    assert "\nplans forged: all clear" not in result.stdout
    assert "v3⟨U+000A⟩plans forged" in result.stdout
