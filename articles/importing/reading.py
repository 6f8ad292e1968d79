"""From an uploaded or named file to an ``Outline``: type, size and encoding checks first."""

import io
from pathlib import PurePath

from .outline import DocumentError
from .parsing import OutlineParser, markdown_lines, plain_text_lines

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MARKUP_BY_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
ACCEPTED_SUFFIXES = ", ".join(MARKUP_BY_SUFFIX)


def markup_of(filename):
    suffix = PurePath(filename).suffix.lower()
    if suffix not in MARKUP_BY_SUFFIX:
        raise DocumentError(
            f"'{PurePath(filename).name}' is not a document the importer reads: use one of "
            f"{ACCEPTED_SUFFIXES}.",
            code="unsupported_type",
        )
    return MARKUP_BY_SUFFIX[suffix]


def decoded(content):
    """``content`` as text: UTF-8 (a byte-order mark allowed), with no control bytes."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise DocumentError(
            "the file is not UTF-8 text (save it as UTF-8).", line, "not_text"
        ) from None
    for number, line in enumerate(text.splitlines(), 1):
        if any(ord(char) < 32 and char != "\t" for char in line):
            raise DocumentError("the file holds binary data, not text.", number, "not_text")
    return text


def read_document(content, filename, subsection_headings=()):
    """The outline of a document's ``content`` (bytes), its format told by ``filename``."""
    markup = markup_of(filename)
    if not content:
        raise DocumentError("The file is empty.", code="empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"The file is {len(content):,} bytes; documents may be at most "
            f"{MAX_DOCUMENT_BYTES:,} bytes.",
            code="too_large",
        )
    if markup == "docx":
        from .word import word_lines

        return OutlineParser(
            word_lines(io.BytesIO(content)), subsection_headings, unit="paragraph"
        ).parse()
    text = decoded(content)
    if not text.strip():
        raise DocumentError("The file has no text.", code="empty")
    lines = markdown_lines(text) if markup == "markdown" else plain_text_lines(text)
    return OutlineParser(lines, subsection_headings).parse()
