"""Reads the seed article text into a structured outline.

The seed is plain text, one paragraph per line. Headings are the lines with no closing
punctuation; a heading followed by ``|`` lines is the caption of a Markdown-style table.
Which headings are subsections cannot be told from plain text, so the caller names them.
The first line is "Title: Subtitle"; the last paragraph is the article's disclaimer.
Every line ends up in exactly one place, or parsing fails with the line number.
"""

from dataclasses import dataclass, field
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent
SEED_ARTICLE = SEED_DIR / "immunotherapy-for-multiple-myeloma.txt"

SENTENCE_ENDINGS = (".", "!", "?", ":", ";", ",")


class SeedFormatError(ValueError):
    pass


@dataclass
class Subsection:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class SeedArticle:
    title: str
    subtitle: str
    intro: list[str]
    body: list[Section | Table]
    disclaimer: str

    def paragraphs(self):
        """Every prose paragraph, in reading order (table cells excluded)."""
        yield from self.intro
        for block in self.body:
            if isinstance(block, Section):
                yield from block.paragraphs
                for subsection in block.subsections:
                    yield from subsection.paragraphs
        yield self.disclaimer


def is_heading(line):
    return not line.startswith("|") and not line.rstrip().endswith(SENTENCE_ENDINGS)


def table_cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_seed(text, subsection_headings=()):
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)]
    lines = [(number, line) for number, line in lines if line]
    if len(lines) < 3:
        raise SeedFormatError("The seed needs a title line, content and a disclaimer.")

    title_number, title_line = lines[0]
    title, separator, subtitle = title_line.partition(": ")
    if not separator:
        raise SeedFormatError(f"line {title_number}: expected 'Title: Subtitle'.")
    *content, (disclaimer_number, disclaimer) = lines[1:]
    if is_heading(disclaimer) or disclaimer.startswith("|"):
        raise SeedFormatError(f"line {disclaimer_number}: the last line must be the disclaimer.")

    intro, body = [], []
    section = subsection = None
    index = 0
    while index < len(content):
        number, line = content[index]
        following = content[index + 1][1] if index + 1 < len(content) else ""
        if line.startswith("|"):
            raise SeedFormatError(f"line {number}: a table needs a caption line before it.")
        if is_heading(line) and following.startswith("|"):
            table_lines = []
            index += 1
            while index < len(content) and content[index][1].startswith("|"):
                table_lines.append(content[index])
                index += 1
            body.append(parse_table(line, table_lines))
            section = subsection = None
            continue
        if is_heading(line) and line in subsection_headings:
            if section is None:
                raise SeedFormatError(f"line {number}: subsection '{line}' outside a section.")
            subsection = Subsection(line)
            section.subsections.append(subsection)
        elif is_heading(line):
            section, subsection = Section(line), None
            body.append(section)
        elif subsection is not None:
            subsection.paragraphs.append(line)
        elif section is not None:
            if section.subsections:
                raise SeedFormatError(f"line {number}: paragraph after a section's subsections.")
            section.paragraphs.append(line)
        else:
            intro.append(line)
        index += 1

    return SeedArticle(title, subtitle, intro, body, disclaimer)


def parse_table(caption, numbered_lines):
    (header_number, header), *rest = numbered_lines
    columns = table_cells(header)
    if not rest or set(rest[0][1]) - set("|-: "):
        raise SeedFormatError(f"line {header_number}: a table header needs a '|---|' rule.")
    rows = []
    for number, line in rest[1:]:
        cells = table_cells(line)
        if len(cells) != len(columns):
            raise SeedFormatError(f"line {number}: {len(cells)} cells for {len(columns)} columns.")
        rows.append(cells)
    return Table(caption, columns, rows)


def load_seed_article(subsection_headings=()):
    return parse_seed(SEED_ARTICLE.read_text(encoding="utf-8"), subsection_headings)
