"""Documents as lines, then lines as an ``Outline``.

Each format has a reader that turns its text into classified ``Line`` s; one structure
parser (``outline_from_lines``) turns those into the article's outline, so plain text,
Markdown and Word documents follow the same rules:

- the first line is the title, "Title: Subtitle" or just "Title";
- paragraphs before the first heading are the intro;
- a level-2 heading starts a section, a level-3 heading a subsection of it;
- a heading line directly followed by a pipe table is the table's caption; the table's first row
  names its columns, then a ``|---|`` rule, then one row per treatment.

Plain text follows the seed article: a line without closing punctuation is a heading.
Its level cannot be told from the text, so it is a section unless the line is marked
(``## Heading``, ``### Heading``) or the caller names it as a subsection heading.
"""

import re
from dataclasses import dataclass, field

from .outline import DocumentError, Outline, Section, Subsection, Table

SENTENCE_ENDINGS = (".", "!", "?", ":", ";", ",")
MARKED_HEADING = re.compile(r"^(#+)(?:\s+(.*?))?\s*#*$")
TABLE_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")


@dataclass
class Line:
    """One line of a document: a ``heading`` (``level`` 1-6, or ``None`` when the text does
    not say), a ``paragraph``, a table ``row`` (with ``cells``) or a table ``rule``."""

    number: int
    kind: str
    text: str = ""
    level: int | None = None
    cells: list[str] = field(default_factory=list)


def table_cells(text):
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def classify_marked(number, text):
    """The line if it is a marked heading, a table row or a rule; ``None`` otherwise."""
    marked = MARKED_HEADING.match(text)
    if marked:  # "## Heading" (not "#1 in ...")
        hashes, heading = marked.groups()
        return Line(number, "heading", heading or "", len(hashes))
    if text.startswith("|"):
        if TABLE_RULE.match(text):
            return Line(number, "rule", text)
        return Line(number, "row", text, cells=table_cells(text))
    return None


def plain_text_lines(text):
    """The seed's format: one paragraph per line; unmarked headings have no closing
    punctuation."""
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        marked = classify_marked(number, line)
        if marked:
            lines.append(marked)
        elif line.endswith(SENTENCE_ENDINGS):
            lines.append(Line(number, "paragraph", line))
        else:
            lines.append(Line(number, "heading", line))
    return lines


def markdown_lines(text):
    """Markdown: headings are marked with ``#``; a paragraph runs until a blank line and
    may wrap over several lines (numbered by its first)."""
    lines, paragraph = [], None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        marked = classify_marked(number, line) if line else None
        if not line or marked:
            paragraph = None
            if marked:
                lines.append(marked)
        elif paragraph is None:
            paragraph = Line(number, "paragraph", line)
            lines.append(paragraph)
        else:
            paragraph.text = f"{paragraph.text} {line}"
    if lines and lines[0].kind == "heading" and lines[0].level != 1:
        raise DocumentError(
            "a Markdown document starts with its title as '# Title'.", lines[0].number, "no_title"
        )
    return lines


class OutlineParser:
    """Reads classified lines into an ``Outline``; see the module docstring for the rules."""

    def __init__(self, lines, subsection_headings=(), unit="line"):
        self.lines = lines
        self.subsection_headings = set(subsection_headings)
        self.unit = unit

    def error(self, message, line, code):
        return DocumentError(message, line.number if line else None, code, self.unit)

    def parse(self):
        if not self.lines:
            raise DocumentError("The document has no text.", code="empty")
        title, subtitle = self.title_line(self.lines[0])
        self.intro, self.body, self.closing = [], [], []
        self.section = self.subsection = None
        index = 1
        while index < len(self.lines):
            line = self.lines[index]
            following = self.lines[index + 1] if index + 1 < len(self.lines) else None
            if line.kind in ("row", "rule"):
                raise self.error(
                    "a table needs a caption line before it: a heading naming what it compares.",
                    line,
                    "table",
                )
            if line.kind == "heading" and following is not None and following.kind == "row":
                index = self.table(index)
            elif line.kind == "heading":
                self.heading(line)
                index += 1
            else:
                self.paragraph(line)
                index += 1
        return Outline(title, subtitle, self.intro, self.body, self.closing)

    def title_line(self, line):
        if line.kind != "heading" or line.level not in (None, 1) or not line.text:
            raise self.error(
                "the document must start with its title: a line without closing "
                "punctuation ('# Title' in Markdown).",
                line,
                "no_title",
            )
        title, _, subtitle = line.text.partition(": ")
        return title.strip(), subtitle.strip()

    def heading(self, line):
        level = line.level or (3 if line.text in self.subsection_headings else 2)
        if level == 1:
            raise self.error(
                "only the title is a level-1 heading: use ## for sections.", line, "heading_level"
            )
        if level > 3:
            raise self.error(
                f"heading level {level} is not supported: use ## for sections and ### for "
                "subsections.",
                line,
                "heading_level",
            )
        if level == 2:
            self.section, self.subsection = Section(line.text, line=line.number), None
            self.body.append(self.section)
            return
        if self.section is None:
            raise self.error(
                f"subsection '{line.text}' comes before any section.", line, "structure"
            )
        self.subsection = Subsection(line.text, line=line.number)
        self.section.subsections.append(self.subsection)

    def paragraph(self, line):
        if self.subsection is not None:
            self.subsection.paragraphs.append(line.text)
        elif self.section is not None:
            if self.section.subsections:
                raise self.error(
                    "a paragraph after a section's subsections: give it a heading.",
                    line,
                    "structure",
                )
            self.section.paragraphs.append(line.text)
        elif self.body:
            if line is not self.lines[-1]:
                raise self.error(
                    "a paragraph after a table needs a heading before it.", line, "structure"
                )
            self.closing.append(line.text)
        else:
            self.intro.append(line.text)

    def table(self, index):
        """Read the table captioned by line ``index``; return the index after it."""
        caption = self.lines[index]
        header = self.lines[index + 1]
        end = index + 2
        while end < len(self.lines) and self.lines[end].kind in ("row", "rule"):
            end += 1
        rule, *rows = self.lines[index + 2 : end] or [None]
        if rule is None or rule.kind != "rule":
            raise self.error(
                "a table's header row needs a '|---|' rule under it.", header, "table"
            )
        for row in rows:
            if row.kind == "rule":
                raise self.error("a table has one '|---|' rule, under its header.", row, "table")
            if len(row.cells) != len(header.cells):
                raise self.error(
                    f"{len(row.cells)} cells for {len(header.cells)} columns.", row, "table"
                )
        self.body.append(
            Table(
                caption.text,
                header.cells,
                [row.cells for row in rows],
                line=caption.number,
                header_line=header.number,
                row_lines=[row.number for row in rows],
            )
        )
        self.section = self.subsection = None
        return end


def parse_document(text, markup="text", subsection_headings=()):
    """The outline of ``text``, a ``"text"`` or ``"markdown"`` document."""
    lines = markdown_lines(text) if markup == "markdown" else plain_text_lines(text)
    return OutlineParser(lines, subsection_headings).parse()
