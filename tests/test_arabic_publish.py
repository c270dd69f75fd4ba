"""The Arabic lines an editor still would not publish after issue 23's first passes (the lead's
closing note; ../shared/arabic-glossary.md): a pronoun far from its noun in a choice, a subject
said twice in a stance, lists without «و», ids bare in a <summary>, English marks on words we own,
a source id starting a wrapped terminal line, month names twice in a table, an unknown outlet
printed as a word, a hedged value in a chart without «بحسب التقارير». Each test fails on what the
edition printed before."""

from __future__ import annotations

import re

from conftest import REPO

# A choice's words stand alone: in a table cell, after a label's colon, after «تقترح»/«تطالب بـ».
# A pronoun there («بها», «عليها», «دمجها») has no noun to point back to.
_DANGLING = re.compile(r"^\S*(?:ها|ه)\b|^\S+ (?:بها|عليها|عليه|منه|لها|له)\b")


def test_no_choice_opens_with_a_pronoun_that_points_nowhere() -> None:
    from ruamel.yaml import YAML

    terms = YAML(typ="safe").load((REPO / "plans" / "terms.yaml").read_text(encoding="utf-8"))
    dangling = []
    for term_id, term in terms.items():
        rendering = (term.get("translations") or {}).get("ar") or {}
        for key, text in (rendering.get("choices") or {}).items():
            words = " ".join(text.split()[:3])
            if _DANGLING.search(words) or " يتناولها " in f" {text} ":
                dangling.append(f"{term_id}.{key}: {text}")
    # were «الاعتراف بها أرضًا روسية…», «الإبقاء عليها مجمدة…», «إعادة دمجها…», «لا يتناولها النص»
    assert not dangling, "\n".join(dangling)


def test_the_crimea_choice_names_crimea(run) -> None:
    result = run("v28", "geneva", "--lang", "ar", root=REPO)
    assert "الاعتراف بشبه جزيرة القرم أرضًا روسية بحكم الأمر الواقع" in result.output
    assert "الاعتراف بها" not in result.output


# Glossary §1: the double month name «نوفمبر/تشرين الثاني» never in plandiff's tables.
_DOUBLE_MONTH = re.compile(r"(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر"
                           r"|ديسمبر)/")


def test_the_log_table_names_each_month_once(run) -> None:
    result = run("log", "--lang", "ar", root=REPO)
    assert result.exit_code == 0
    # were «مخطط ميامي في أكتوبر/تشرين الأول», «جولات ميامي (ديسمبر/كانون الأول)»
    assert not _DOUBLE_MONTH.search(result.output), result.output
    assert "مخطط ميامي في أكتوبر" in result.output
