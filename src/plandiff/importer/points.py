"""Pure: find the numbered points of a plain-text or Markdown article, and the text around them."""

from __future__ import annotations

import re

from plandiff.core.records import field, record

# Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic separators, as ASCII. One character
# for one, so positions in the translated text are positions in the original.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")

_NUMBER = r"(?P<num>\d{1,3}[a-z]?)"
_WORD = (r"(?:point|item|clause|article|paragraph|пункт|пункті|стаття|статья|"
         r"النقطة|نقطة|البند|بند|المادة)")
_MARKERS = (
    re.compile(rf"^{_WORD}\s*(?:no\.?|№|#)?\s*{_NUMBER}\s*[:.)\-–—]?(?:\s+|$)(?P<body>.*)$",
               re.IGNORECASE),
    re.compile(rf"^\(\s*{_NUMBER}\s*\)(?:\s+|$)(?P<body>.*)$"),
    re.compile(rf"^{_NUMBER}\s*[.)\-–—:](?:\s+|$)(?P<body>.*)$"),
)
_INLINE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\s*[-.)–]\s+")
_SENTENCE = re.compile(r"[.!?؟](?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪●◦–]|\\-)\s+(?P<body>\S.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@record
class Point:
    """One numbered point as the article gives it."""

    number: int | str
    text: str  # the point's text, on one line, Markdown markup removed
    line: int  # 1-based line of its number
    title: str | None = None  # the words of a numbered heading with its text under it


@record(frozen=False)
class ParsedText:
    points: list[Point]
    outside: list[str] = field(default_factory=list)  # paragraphs outside the list
    headings: set[int] = field(default_factory=set)  # those that were Markdown headings
    before: int = 0  # how many of them come before the first point

    @property
    def title(self) -> str | None:
        """The text's headline: its first Markdown heading before the list, else its first
        paragraph when that reads like one (short, not ending like a sentence or a lead-in to the
        list, "The points of the draft:")."""
        for index in sorted(self.headings):
            if index < self.before and len(self.outside[index]) <= 200:
                return self.outside[index]
        if self.outside and _headline(self.outside[0]):
            return self.outside[0]
        return None

    @property
    def summary(self) -> str | None:
        """The text outside the list, but its headings, its headline and the lead-ins that
        introduce the list."""
        title = self.title
        kept = [p for i, p in enumerate(self.outside)
                if i not in self.headings and not (i == 0 and p == title)
                and not p.endswith(":")]
        return " ".join(kept) or None


def _headline(text: str) -> bool:
    return len(text) <= 120 and not text.endswith((".", ":", ";", ",", "!", "?", "؟"))


def plain(text: str) -> str:
    """A line of Markdown as plain words: links, emphasis and heading marks removed."""
    text = _HEADING.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def _marker(line: str) -> tuple[int | str, str, bool] | None:
    """(number, body, is_heading) of a numbered line, or None."""
    heading = bool(_HEADING.match(line))
    stripped = _EMPHASIS.sub("", _HEADING.sub("", line)).strip().translate(DIGITS)
    for pattern in _MARKERS:
        match = pattern.match(stripped)
        if match:
            raw = match.group("num")
            number: int | str = int(raw) if raw.isdigit() else raw
            return number, match.group("body").strip(), heading
    return None


@record(frozen=False)
class _Open:
    number: int | str
    line: int
    heading: str
    is_heading: bool
    body: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)

    def close(self) -> Point | None:
        under = self.body + self.bullets
        heading = plain(self.heading)
        headline = heading and len(heading) <= 80 and not heading.endswith((".", ";", ":"))
        if under and (self.is_heading or (self.bullets and headline)):
            title: str | None = heading.rstrip(":").strip() or None
            text = plain(" ".join(under))
        else:
            title, text = None, plain(" ".join([self.heading, *under]))
        return Point(self.number, text, self.line, title) if text else None


def parse(text: str) -> ParsedText:
    """The numbered points of `text` ("1.", "1)", "(1)", "1-", "Point 1:", "١.", a numbered heading
    with bullets under it) and the paragraphs outside the list."""
    points: list[Point] = []
    outside: list[str] = []
    paragraph: list[str] = []
    current: _Open | None = None
    blank = False

    headings: set[int] = set()
    before: int | None = None

    def flush_paragraph(heading: bool = False) -> None:
        if paragraph:
            words = plain(" ".join(paragraph))
            if words:
                if heading:
                    headings.add(len(outside))
                outside.append(words)
            paragraph.clear()

    def close() -> None:
        nonlocal current
        if current is not None:
            point = current.close()
            if point is not None:
                points.append(point)
        current = None

    for number, line in _lines(text):
        if not line.strip():
            blank = True
            flush_paragraph()
            continue
        marker = _marker(line)
        bullet = _BULLET.match(line)
        if marker is not None:
            close()
            flush_paragraph()
            if before is None:
                before = len(outside)
            current = _Open(marker[0], number, marker[1], marker[2])
        elif bullet and current is not None:
            current.bullets.append(bullet.group("body").strip())
        elif current is not None and not _HEADING.match(line) and (
                not blank or line[:1].isspace() or not (current.heading or current.body)):
            # A continuation: the next line of the point, an indented paragraph, or the body
            # under a bare number.
            (current.bullets if current.bullets else current.body).append(line.strip())
        elif _HEADING.match(line):  # a heading is a paragraph of its own
            close()
            flush_paragraph()
            paragraph.append(line.strip())
            flush_paragraph(heading=True)
        else:
            close()
            paragraph.append(line.strip())
        blank = False
    close()
    flush_paragraph()
    return ParsedText(points, outside, headings, len(outside) if before is None else before)


def _lines(text: str) -> list[tuple[int, str]]:
    """The lines of `text` with their numbers; a paragraph that runs a numbered list inline
    ("... are: 1- x. 2- y. 3- z. ...", common once an article's HTML is flattened) is split
    into one line per point, with blank lines around the list."""
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if _marker(line) is None:
            inline = _inline(line)
            if inline is not None:
                lines += [(number, part) for part in inline]
                continue
        lines.append((number, line))
    return lines


def _inline(line: str) -> list[str] | None:
    """The parts of a line that holds an inline list numbered 1, 2, 3, ... (three points at
    least): the text before it, a blank, the points, a blank, the text after it."""
    ascii_line = line.translate(DIGITS)
    run: list[re.Match[str]] = []
    for match in _INLINE.finditer(ascii_line):
        if int(match.group(1)) == len(run) + 1:
            run.append(match)
        elif int(match.group(1)) == 1:
            run = [match]
    if len(run) < 3:
        return None
    before = line[: run[0].start()].strip()
    points, after = [], ""
    for this, following in zip(run, [*run[1:], None], strict=True):
        if following is not None:
            points.append(f"{this.group(1)}. {line[this.end():following.start()].strip()}")
            continue
        tail = line[this.end():]
        stop = _SENTENCE.search(tail)
        end = stop.end() if stop else len(tail)
        points.append(f"{this.group(1)}. {tail[:end].strip()}")
        after = tail[end:].strip()
    return [*([before, ""] if before else []), *points, *(["", after] if after else [])]
