"""Word documents: mammoth converts them to HTML (Heading 1-3 styles to h1-h3, tables to
tables), read here into the same lines as the text formats, numbered by paragraph."""

import zipfile
from html.parser import HTMLParser

import mammoth

from .outline import DocumentError
from .parsing import Line

STYLE_MAP = "p[style-name='Title'] => h1:fresh"
BLOCKS = {"p": None, "li": None, **{f"h{level}": level for level in range(1, 7)}}


class WordHTML(HTMLParser):
    """Collects mammoth's HTML as ``Line`` s: headings, paragraphs and table rows (the first
    row of each table is its header, followed by a rule as in a pipe table)."""

    def __init__(self):
        super().__init__()
        self.lines, self.block, self.text, self.row, self.cell = [], None, [], None, None
        self.rows_in_table = 0

    def add(self, kind, **fields):
        self.lines.append(Line(len(self.lines) + 1, kind, **fields))

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows_in_table = 0
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in BLOCKS and self.cell is None:
            self.block, self.text = tag, []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.add("row", text=" | ".join(self.row), cells=self.row)
            self.rows_in_table += 1
            if self.rows_in_table == 1:
                self.add("rule")
            self.row = None
        elif tag == self.block:
            text = " ".join("".join(self.text).split())
            if text:
                level = BLOCKS[tag]
                self.add("heading" if level else "paragraph", text=text, level=level)
            self.block = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.block is not None:
            self.text.append(data)


def word_lines(file):
    try:
        result = mammoth.convert_to_html(file, style_map=STYLE_MAP)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(
            f"The file is not a readable Word document ({error}).", code="not_text"
        ) from None
    reader = WordHTML()
    reader.feed(result.value)
    reader.close()
    return reader.lines
