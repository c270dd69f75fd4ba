"""Pure: the words of a text as the aligner compares them, with the vocabulary of peace plans read
as concepts in English, Arabic, Russian and Ukrainian ("ceasefire", "هدنة", "перемирие" and
"припинення вогню" are all `§ceasefire`), so that a point aligns with a clause it rewords or
translates; words that no phrase takes stay as crude stems (their first five letters)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from plandiff.importer.numbers import prepare

# Concept -> phrases, in English, Arabic, Russian and Ukrainian. A phrase is read as one unit
# ("Peace Council" is the council, not "peace"). Each of its words matches any word that begins
# with it ("guarante" matches "guarantees"), or only itself when it ends in "=". Phrases are
# matched after stop words are dropped ("end of the war" is "end war") and, in Arabic, after the
# joined conjunction, preposition and article are taken off ("والأمن" is "امن"); the same is
# done to the phrases here, so write them as a reader would. Run `python bench/align.py` after a
# change: it prints how well imports align, and tests/test_align.py pins those figures.
# An Arabic name whose first letter is also a clitic (و ف ب ل ك) is read without it when bare
# ("كييف" -> "ييف") and with it after a clitic ("لكييف" -> "كييف"), so both are listed.
LEXICON: dict[str, tuple[str, ...]] = {
    "ceasefire": (
        "ceasefire", "cease fire", "truce", "armistice", "cessation hostilities",
        "end= war=", "end= wars=", "ending war=", "stop war=", "halt war=", "end= fighting",
        "stop fighting", "end= hostilities", "end= to war=",
        "وقف اطلاق النار", "وقف النار", "هدنة", "وقف الحرب", "انهاء الحرب", "نهاية الحرب",
        "وقف القتال", "انهاء القتال", "وقف الاعمال القتالية",
        "прекращени огня", "перемири", "прекращени войн", "окончани войн", "завершени войн",
        "конец= войн", "прекращени боевых действий", "прекратить огонь", "остановить войну",
        "припиненн вогню", "перемир", "припиненн війн", "завершенн війн", "закінченн війн",
        "кінець= війн", "припиненн бойових дій", "припинит вогонь", "зупинит війн",
    ),
    "sovereignty": ("sovereign", "سيادة", "суверен"),
    "non-aggression": (
        "non aggression", "nonaggression", "عدم الاعتداء", "ненападени", "ненапад",
    ),
    "invasion": ("invade", "invasion", "غزو", "вторжени", "вторгат", "вторгн", "вторгнен"),
    "nato": (
        "nato", "north atlantic", "alliance", "الناتو", "ناتو", "حلف شمال الاطلسي",
        "شمال الاطلسي", "حلف الاطلسي", "нато", "североатлантич", "альянс", "північноатлантич",
    ),
    "expansion": (
        "expand", "expansion", "enlarge", "توسع", "توسيع", "расшир", "розшир",
    ),
    "european-union": (
        "european union", "eu=", "الاتحاد الاوروبي", "الاتحاد الاوربي",
        "европейск союз=", "европейск союза=", "европейск союзу=", "европейск союзом=",
        "европейск союзе=", "евросоюз", "ес=",
        "європейськ союз=", "європейськ союзу=", "європейськ союзом=", "європейськ союзі=",
        "євросоюз", "єс=",
    ),
    "membership": (
        "member", "membership", "accession", "join=", "joins=", "joined=", "joining=", "admit",
        "admission", "عضوية", "انضمام", "ينضم", "تنضم", "членств", "вступлени", "вступит",
        "вступ=", "вступу",
    ),
    "security-guarantees": (
        "security guarante", "guarante security", "guarante", "ضمانات امنية", "ضمانات الامن",
        "ضمانات", "ضمان", "гаранти безопасност", "гаранти", "гаранті безпеки", "гарант",
    ),
    "security": ("secur", "امن", "امنية", "безопасност", "безпек"),
    "armed-forces": (
        "armed forces", "army", "armies", "troops", "soldiers", "personnel", "servicemen",
        "القوات المسلحة", "الجيش", "جيش", "جنود", "جندي", "القوات",
        "вооруженн сил", "вооружённ сил", "арми", "войск", "военнослужащ", "солдат",
        "збройн сил", "армі", "війська", "військ=", "військам", "військах", "військо=",
        "військовослужбов",
    ),
    "limit": (
        "limit", "cap=", "capped", "caps=", "ceiling", "maximum", "exceed",
        "سقف", "حد اقصي", "الحد الاقصي", "بحد اقصي", "يتجاوز", "تتجاوز",
        "огранич", "потолок", "потолк", "превыша", "превыс", "максимум",
        "обмеж", "стеля=", "стелі=", "стелю=", "стелею=", "перевищ", "максимум",
    ),
    "nuclear": ("nuclear", "atomic", "نووي", "نووية", "ذري=", "ذرية=", "ядерн", "атомн",
                "неядерн", "безъядерн", "без'ядерн"),
    "power-plant": (
        "power plant", "power station", "npp=", "محطة", "محطة الطاقة", "محطة كهرباء",
        "электростанц", "аэс=", "електростанц", "аес=",
    ),
    "zaporizhzhia": ("zaporizh", "zaporozh", "زابوريجيا", "زاباروجيا", "زابوروجيا", "запорож",
                     "запоріж", "запоріз"),
    "crimea": ("crimea", "القرم", "قرم", "крым", "крим=", "криму=", "кримом=", "кримськ"),
    "donetsk": ("donetsk", "دونيتسك", "دونتسك", "донецк", "донецьк"),
    "luhansk": ("luhansk", "lugansk", "لوهانسك", "لوغانسك", "луганск", "луганськ"),
    "donbas": ("donbas", "دونباس", "донбас"),
    "kherson": ("kherson", "خيرسون", "херсон"),
    "territory": ("territor", "اراض", "الاراضي", "اقليم", "территор", "територ"),
    "recognition": (
        "recogni", "اعتراف", "الاعتراف", "يعترف", "تعترف", "признан", "признать", "признаёт",
        "признает", "признают", "признава", "визнанн", "визнат", "визнає", "визнаю",
    ),
    "de-facto": ("de= facto=", "الامر= الواقع", "де-факто=", "де= факто=", "фактическ",
                 "фактичн"),
    "demilitarised-zone": (
        "demilitari", "buffer zone", "منزوعة السلاح", "منطقة عازلة", "عازلة",
        "демилитариз", "буферн зон", "демілітариз", "буферн зон",
    ),
    "withdrawal": (
        "withdraw", "pull back", "pulls back", "pullback", "انسحاب", "ينسحب", "تنسحب",
        "отвод", "вывод=", "вывода=", "выводе=", "выводу=", "выводом=", "вывест", "выведен",
        "отступ", "відвед", "виведенн", "відступ",
    ),
    "elections": (
        "election", "انتخابات", "الانتخابات", "выборы", "выборов", "выборах", "выборам",
        "вибори", "виборів", "виборах", "виборам",
    ),
    "amnesty": ("amnest", "pardon", "عفو=", "العفو=", "амнист", "помилова", "амніст",
                "помилуванн"),
    "prisoners": (
        "prisoner", "detainee", "captive", "pows=", "اسري=", "اسير", "معتقل",
        "المعتقلين", "пленн", "заключенн", "заключённ", "военнопленн", "полонен", "полонених",
        "ув'язнен", "військовополонен",
    ),
    "exchange": ("exchange", "swap", "تبادل", "обмен", "обмін"),
    "children": ("child", "اطفال", "الاطفال", "طفل", "дети", "детей", "детям", "детьми",
                 "детях", "ребен", "ребён", "діти", "дітей", "дітям", "дітьми", "дитин"),
    "families": ("family", "families", "reunif", "reunit", "لم= الشمل", "عائلات", "عائل",
                 "اسرة", "семей", "семьи", "семья", "семье", "семью", "воссоедин",
                 "сімей", "сім'ї", "сім'я", "сім'ю", "родин", "возз'єднанн"),
    "humanitarian": ("humanitar", "انساني", "الانسانية", "гуманитарн", "гуманітарн"),
    "sanctions": ("sanction", "عقوبات", "العقوبات", "عقوبة", "санкци", "санкці"),
    "frozen-assets": (
        "frozen", "freez", "unfreez", "مجمدة", "المجمدة", "تجميد", "заморож", "разморож",
        "розморож",
    ),
    "assets": ("asset", "funds", "fund=", "اصول", "الاصول", "اموال", "الاموال", "صندوق", "صناديق",
               "актив=", "активы", "активов", "активам", "активах", "денежн средств", "фонд",
               "активи=", "активів", "кошти", "коштів", "коштам", "коштах"),
    "reconstruction": (
        "reconstruct", "rebuild", "rebuilding", "recovery", "اعادة الاعمار", "اعمار=",
        "الاعمار=", "اعادة بناء", "اعادة البناء", "восстановлени", "восстановит",
        "реконструкц", "відбудов", "відновленн", "реконструкц",
    ),
    "development": ("develop", "تنمية", "التنمية", "تطوير", "развити", "розвит", "розвиток"),
    "investment": ("investment", "investor", "invest=", "invests=", "invested", "investing",
                   "استثمار", "استثمارات", "الاستثمار", "инвест", "вложени", "інвест",
                   "вкладат", "вкладенн"),
    "profits": ("profit", "ارباح", "الارباح", "прибыль", "прибыли=", "прибылей", "прибылью",
                "прибылям", "прибуток", "прибутк"),
    "economy": ("econom", "اقتصاد", "اقتصادي", "الاقتصاد", "الاقتصادي", "экономи", "економі",
                "економік"),
    "trade": ("trade", "market", "تجارة", "التجارة", "تجاري", "سوق", "السوق", "торгов",
              "рынок", "рынк", "торгівл", "ринок", "ринк"),
    "g8": ("g8=", "group of eight", "مجموعة الثماني", "مجموعة الثمانية",
           "большой восьмерк", "восьмерк", "восьмёрк", "великої вісімки", "вісімк"),
    "language": ("language", "لغة", "اللغة", "اللغات", "язык", "мов=", "мова", "мови",
                 "мову", "мовою", "мові", "мовн"),
    "religion": (
        "church", "religio", "faiths=", "كنيسة", "الكنيسة", "ديني", "الدينية", "دين=", "церк",
        "религи", "конфесси", "релігі", "конфесі",
    ),
    "nazism": (
        "nazi", "neo nazi", "neonazi", "fascis", "نازي", "النازية", "الفاشي", "فاشي=",
        "فاشية=", "нацизм", "нацист", "неонацис", "фашиз", "фашист", "нацизм", "нацистськ",
    ),
    "ideology": ("ideolog", "ايديولوج", "ايدولوج", "идеолог", "ідеолог"),
    "education": ("education", "school", "تعليم=", "التعليم=", "تعليمي", "مدارس", "مدرسة",
                  "образовани", "школ", "освіт"),
    "tolerance": ("toleran", "تسامح", "التسامح", "толерант", "терпимост", "толерант",
                  "терпиміст"),
    "constitution": ("constitution", "دستور", "الدستور", "конституц"),
    "peace-council": (
        "peace council", "board= peace", "peace board", "مجلس السلام", "совет мира",
        "совета мира", "рада миру", "ради миру", "раді миру",
    ),
    "monitoring": (
        "monitor", "verif", "oversee", "oversight", "supervis", "مراقبة", "رقابة", "الرقابة",
        "المراقبة", "اشراف", "الاشراف", "يشرف", "تحقق", "мониторинг", "наблюдени", "надзор",
        "контролир", "верификац", "моніторинг", "нагляд", "спостереженн", "контролюва",
        "верифікац",
    ),
    "compliance": (
        "complian", "comply", "enforce", "violat", "breach", "الامتثال", "امتثال", "انتهاك",
        "انتهاكات", "خرق", "соблюдени", "нарушени", "нарушит", "дотриманн", "порушенн",
        "порушит",
    ),
    "task-force": ("task force", "working group", "joint group", "فريق عمل", "لفريق عمل",
                   "فريق مشترك", "الفريق العامل", "فريق عامل", "قوة مهام", "рабоч групп",
                   "совместн групп", "робоч груп", "спільн груп"),
    "dialogue": ("dialogue", "dialog", "talks", "negotiat", "حوار", "الحوار", "مفاوضات",
                 "المفاوضات", "محادثات", "تفاوض", "диалог", "переговор", "діалог", "переговор",
                 "перемовин"),
    "mediation": ("mediat", "broker", "وساطة", "بوساطة", "الوسيط", "وسيط=", "посредни",
                  "посередни"),
    "binding": ("legally binding", "binding", "ملزم", "ملزمة", "обязывающ", "обязательн",
                "обов'язков"),
    # "вступит в силу" and "заключённые соглашения" are the treaty, not membership or prisoners.
    "treaty": ("treaty", "accord=", "accords=", "agreement", "deal=", "اتفاق", "اتفاقية",
               "معاهدة", "соглашени", "договор", "вступлени силу=", "вступит силу=",
               "заключенн соглашени", "заключённ соглашени", "заключенн договор",
               "заключённ договор", "угода", "угоди", "угоді", "угоду", "угодою", "угод=",
               "угодам", "угодах", "договір", "договор", "домовлен"),
    "arms-control": ("arms control", "strategic arms", "new= start=", "non proliferation",
                     "nonproliferation", "الحد من التسلح", "حظر الانتشار", "عدم الانتشار",
                     "ضبط التسلح", "контрол вооружени", "контрол над вооружени",
                     "нераспространени", "контрол озброєнь", "контрол над озброєнн",
                     "нерозповсюдженн"),
    "weapons": ("weapon", "missile", "arms=", "اسلحة", "الاسلحة", "سلاح", "صواريخ", "صاروخ",
                "оружи", "ракет", "вооружени", "зброї", "зброя", "зброю", "зброєю", "озброєнн"),
    "aircraft": ("aircraft", "fighter jet", "jets=", "warplane", "طائرات", "الطائرات", "طائرة",
                 "مقاتلات", "самолет", "самолёт", "истребител", "літак", "винищувач"),
    "poland": ("poland", "polish", "بولندا", "لبولندا", "بولونيا", "البولندي", "بولندي",
               "польш", "польск", "польщ", "польськ"),
    "energy": ("energy", "electricity", "طاقة", "الطاقة", "الكهرباء", "كهرباء", "энерг",
               "электроэнерги", "енерг", "електроенергі"),
    "gas-oil": ("gas=", "oil=", "pipeline", "غاز", "الغاز", "نفط", "النفط", "газ=", "газу=",
                "газом=", "газов", "нефт", "нафт", "газопровод", "трубопровод"),
    "dnipro": ("dnipro", "dnieper", "دنيبرو", "دنيبر", "днепр", "дніпр"),
    "grain": ("grain", "حبوب", "الحبوب", "зерн"),
    "compensation": ("compensat", "reparation", "تعويض", "تعويضات", "компенсац", "репарац"),
    "neutrality": ("neutral", "non bloc", "nonaligned", "non aligned", "حياد", "الحياد",
                   "محايد", "нейтрал", "внеблоков", "позаблоков"),
    "referendum": ("referend", "استفتاء", "референдум"),
    "united-states": (
        "united states", "usa=", "us=", "u= s=", "america", "washington", "trump",
        "الولايات المتحدة", "امريكا", "امريكي", "الامريكية", "الامريكي", "اميركا", "اميركي",
        "واشنطن", "لواشنطن", "ترامب",
        "сша=", "америк", "вашингтон", "соединенн штат", "соединённ штат", "трамп",
        "сполучен штат",
    ),
    "russia": ("russia", "moscow", "kremlin", "putin", "روسيا", "روسي", "الروسية", "الروسي",
               "موسكو", "الكرملين", "بوتين", "لبوتين", "росси", "русск", "москв", "кремл",
               "путин", "росі", "російськ", "москв", "кремл", "путін"),
    "ukraine": ("ukrain", "kyiv", "kiev", "اوكرانيا", "اوكراني", "الاوكرانية",
                "الاوكراني", "كييف", "لكييف", "украин", "киев", "україн", "київ", "києв"),
    "europe": ("europe", "اوروبا", "اوروبي", "الاوروبية", "الاوروبي", "اوربا", "европ",
               "європ"),
}

# Concepts that name the parties: nearly every clause names one, so they tell clauses apart no
# better than any common word; they still let a point in one language meet a clause in another.
ENTITIES = frozenset({"§ukraine", "§russia", "§united-states", "§europe", "§treaty"})

_WORD = re.compile(r"\w+(?:'\w+)*")
_ARABIC = re.compile("[\u0600-\u06ff]")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("لل", "ب", "ل", "ك")  # "لل" is ل + ال with the alef dropped
_ARTICLE = "ال"

def arabic_base(word: str) -> str:
    """An Arabic word without the conjunction, preposition and article written joined to it,
    as long as three letters are left: "والأمن" -> "امن", "لروسيا" -> "روسيا"."""
    if not _ARABIC.match(word):
        return word
    for group in (_CONJUNCTIONS, _PREPOSITIONS, (_ARTICLE,)):
        for prefix in group:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                if prefix == "لل":
                    return word
                break
    return word


def words(text: str, stopwords: frozenset[str]) -> list[str]:
    """The content words of a text, prepared, apostrophes dropped, Arabic clitics taken off."""
    found = []
    for word in _WORD.findall(prepare(text)):
        if word in stopwords:
            continue
        word = arabic_base(word.replace("'", ""))
        if word not in stopwords:
            found.append(word)
    return found


Phrase = tuple[tuple[str, bool], ...]  # (word, must match exactly) per word


@cache
def _phrases(stopwords: frozenset[str]) -> dict[str, list[tuple[Phrase, str]]]:
    """The lexicon prepared like a text, keyed by the first two letters of a phrase's first word;
    longest phrases first, so that "security guarantees" is tried before "security"."""
    table: dict[str, list[tuple[Phrase, str]]] = {}
    for concept, phrases in LEXICON.items():
        for phrase in phrases:
            parts: list[tuple[str, bool]] = []
            for raw in phrase.split():
                exact = raw.endswith("=")
                parts.extend((word, exact) for word in words(raw.rstrip("="), stopwords))
            if parts:
                table.setdefault(parts[0][0][:2], []).append((tuple(parts), concept))
    for entries in table.values():
        entries.sort(key=lambda entry: (-len(entry[0]), -sum(len(w) for w, _ in entry[0])))
    return table


def _matches(word: str, part: tuple[str, bool]) -> bool:
    pattern, exact = part
    return word == pattern if exact else word.startswith(pattern)


def _read(text: str, stopwords: frozenset[str]) -> Iterator[str]:
    """The text as the aligner reads it, in order: "§concept" for each phrase of the lexicon,
    the word itself for every other content word."""
    table = _phrases(stopwords)
    tokens = words(text, stopwords)
    i = 0
    while i < len(tokens):
        for phrase, concept in table.get(tokens[i][:2], ()):
            end = i + len(phrase)
            if end <= len(tokens) and all(_matches(w, p) for w, p in
                                          zip(tokens[i:end], phrase, strict=True)):
                yield "§" + concept
                i = end
                break
        else:
            yield tokens[i]
            i += 1


def features(text: str, stopwords: frozenset[str]) -> set[str]:
    """What the aligner compares: a concept token ("§ceasefire") for each phrase of the lexicon
    in the text, and the first five letters of every other content word."""
    return {token if token.startswith("§") else token[:5] for token in _read(text, stopwords)
            if token.startswith("§") or len(token) > 2 or token.isdigit()}


def concepts_in(text: str, stopwords: Iterable[str] = (), parties: bool = True) -> list[str]:
    """The lexicon's concepts that a text names, in the order it first names them; the parties
    (`ENTITIES`) last, since they say least about what a point is about, or not at all."""
    found = list(dict.fromkeys(t for t in _read(text, frozenset(stopwords)) if t.startswith("§")))
    ordered = sorted(found, key=lambda token: token in ENTITIES)
    return [token[1:] for token in ordered if parties or token not in ENTITIES]
