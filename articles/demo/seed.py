"""The seed article and its Spanish demo translation: plain-text documents read by the
article importer's parser.

Which headings are subsections cannot be told from plain text, so they are named here;
each document's last paragraph is its disclaimer. The comparison table's header row names
the columns in the document's language: ``column_labels`` maps those names to the labels of
``ComparisonRowBlock``'s columns, which the parser matches.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..importing import Table, parse_document

SEED_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SeedDocument:
    path: Path
    subsection_headings: tuple[str, ...]
    column_labels: dict[str, str] = field(default_factory=dict)

    def load(self):
        """The document's outline, its last paragraph taken out as ``disclaimer``."""
        text = self.path.read_text(encoding="utf-8")
        outline = parse_document(text, "text", self.subsection_headings)
        for part in outline.body:
            if isinstance(part, Table):
                part.columns = [self.column_labels.get(name, name) for name in part.columns]
        outline.take_disclaimer()
        return outline


SEED_ARTICLE = SEED_DIR / "immunotherapy-for-multiple-myeloma.txt"
SUBSECTION_HEADINGS = ("Cell-Based Therapies", "Protein-Based Therapies", "Combination Approaches")
SEEDS = {
    "en": SeedDocument(SEED_ARTICLE, SUBSECTION_HEADINGS),
    # Written for the demo, not medically reviewed Spanish content (README, "Demo content").
    "es": SeedDocument(
        SEED_DIR / "inmunoterapia-para-el-mieloma-multiple.txt",
        ("Terapias celulares", "Terapias basadas en proteínas", "Enfoques combinados"),
        {
            "Tipo de tratamiento": "Treatment type",
            "Mecanismo": "Mechanism",
            "Administración": "Administration",
            "Efectos secundarios frecuentes": "Common side effects",
        },
    ),
}


def load_seed_article(language="en"):
    """The outline of the seed article in ``language``, its disclaimer taken out."""
    return SEEDS[language].load()
