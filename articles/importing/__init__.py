"""Importing articles from documents (plain text, Markdown, Word) as drafts.

``read_document`` reads a file into an ``Outline``; ``import_article`` creates the draft
from it (and may submit it to Medical review). The demo loader reads its seed the same way.
"""

from .creating import ImportNotAllowed, ImportResult, import_article, may_import_under
from .outline import DocumentError, Outline, Section, Subsection, Table
from .parsing import parse_document
from .reading import MAX_DOCUMENT_BYTES, read_document

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "DocumentError",
    "ImportNotAllowed",
    "ImportResult",
    "Outline",
    "Section",
    "Subsection",
    "Table",
    "import_article",
    "may_import_under",
    "parse_document",
    "read_document",
]
