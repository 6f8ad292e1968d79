"""The seed article: a plain-text document read by the article importer's parser.

Which headings are subsections cannot be told from its plain text, so they are named
here; its last paragraph is the article's disclaimer.
"""

from pathlib import Path

from ..importing import parse_document

SEED_DIR = Path(__file__).resolve().parent
SEED_ARTICLE = SEED_DIR / "immunotherapy-for-multiple-myeloma.txt"
SUBSECTION_HEADINGS = ("Cell-Based Therapies", "Protein-Based Therapies", "Combination Approaches")


def load_seed_article():
    """The seed's outline, its last paragraph taken out as ``disclaimer``."""
    outline = parse_document(SEED_ARTICLE.read_text(encoding="utf-8"), "text", SUBSECTION_HEADINGS)
    outline.take_disclaimer()
    return outline
