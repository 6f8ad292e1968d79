"""An imported document's structure, before it becomes an article: the title line, the
intro, sections with subsections, and comparison tables. Each part keeps the number of the
line it starts on, so every error can say where."""

from dataclasses import dataclass, field


class DocumentError(ValueError):
    """A document that cannot become an article; ``line`` is where (``None``: the whole
    file), ``code`` names the problem for callers that branch on it."""

    def __init__(self, message, line=None, code="invalid", unit="line"):
        self.message, self.line, self.code = message, line, code
        super().__init__(f"{unit} {line}: {message}" if line else message)


@dataclass
class Subsection:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)
    line: int = 0


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    line: int = 0
    header_line: int = 0
    row_lines: list[int] = field(default_factory=list)


@dataclass
class Outline:
    title: str
    subtitle: str
    intro: list[str]
    body: list[Section | Table]
    # A last paragraph after a table, under no heading: only a disclaimer may be there.
    closing: list[str] = field(default_factory=list)
    # The trailing paragraph once taken out as the article's disclaimer (``take_disclaimer``).
    disclaimer: str | None = None

    def paragraphs(self):
        """Every prose paragraph, in reading order (table cells excluded)."""
        yield from self.intro
        for block in self.body:
            if isinstance(block, Section):
                yield from block.paragraphs
                for subsection in block.subsections:
                    yield from subsection.paragraphs
        yield from self.closing
        if self.disclaimer is not None:
            yield self.disclaimer

    def last_paragraph(self):
        """The document's last paragraph, if nothing but headings follow it."""
        holder = self._last_paragraphs()
        return holder[-1] if holder else None

    def take_disclaimer(self):
        """Move the last paragraph out of the content into ``disclaimer``; return it."""
        holder = self._last_paragraphs()
        if not holder:
            raise DocumentError("The document does not end with a paragraph.", code="structure")
        self.disclaimer = holder.pop()
        return self.disclaimer

    def _last_paragraphs(self):
        if self.closing:
            return self.closing
        if not self.body:
            return self.intro
        last = self.body[-1]
        if isinstance(last, Table):
            return []
        return last.subsections[-1].paragraphs if last.subsections else last.paragraphs
