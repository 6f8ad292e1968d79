"""Word documents built in tests: the few parts of a .docx that Word itself writes for
styled paragraphs and a table, so mammoth reads them as it reads Word's own files."""

import io
import zipfile
from xml.sax.saxutils import escape

NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="styles.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>
</Relationships>"""
STYLES = {
    "Title": "Title",
    "Heading2": "heading 2",
    "Heading3": "heading 3",
    "Heading4": "heading 4",
}


def styles_xml():
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/></w:style>'
        for style_id, name in STYLES.items()
    )
    return f'<?xml version="1.0"?><w:styles xmlns:w="{NAMESPACE}">{styles}</w:styles>'


def paragraph(text, style=None):
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def table(rows):
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def word_document(*blocks):
    """A .docx (bytes) of ``blocks``: ``("Title", text)``, ``("Heading2", text)``,
    ``(None, text)`` for a paragraph, or ``("table", rows)``."""
    body = "".join(
        table(content) if kind == "table" else paragraph(content, kind) for kind, content in blocks
    )
    document = f'<?xml version="1.0"?><w:document xmlns:w="{NAMESPACE}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", styles_xml())
    return buffer.getvalue()


def word_version(subsection_style="Heading3"):
    """The Markdown test document as Word would hold it (title and heading styles)."""
    return word_document(
        ("Title", "Living with Multiple Myeloma: Day-to-Day Care"),
        (None, "Many people live for years with multiple myeloma."),
        ("Heading2", "Everyday Care"),
        (None, "Small routines make a difference."),
        (subsection_style, "Staying Active"),
        (None, "Gentle exercise helps keep bones strong."),
        ("Heading2", "Treatments Compared"),
        (
            "table",
            [
                ["Treatment type", "Mechanism", "Administration", "Common side effects"],
                ["Steroids", "Reduce inflammation", "Tablets", "Trouble sleeping"],
            ],
        ),
        (None, "This article is for information only, not medical advice."),
    )
