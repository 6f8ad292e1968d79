"""Articles built the way editors build them: a page under the index, then a revision."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from articles.demo.loader import SUBSECTION_HEADINGS, TRUSTED_SOURCES, article_body
from articles.demo.seed import Section, SeedArticle, Table, load_seed_article
from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Condition,
    Disclaimer,
    TrustedSource,
)


def simple_body(heading="Overview", row=None):
    table_row = row or ["Therapy", "Mechanism", "Infusion", "Fatigue"]
    seed = SeedArticle(
        title="",
        subtitle="",
        intro=[],
        body=[
            Section(heading, ["A paragraph."]),
            Table(
                "Options",
                ["Treatment type", "Mechanism", "Administration", "Common side effects"],
                [table_row],
            ),
        ],
        disclaimer="",
    )
    return article_body(seed)


def make_article(title, *, publish=True, condition=None, parent=None, **fields):
    """A new article under the demo index; published unless ``publish=False``."""
    parent = parent or ArticleIndexPage.objects.get()
    defaults = {
        "title": title,
        "summary": f"Summary of {title}.",
        "intro": "<p>Intro.</p>",
        "condition": condition or Condition.objects.get(slug="multiple-myeloma"),
        "body": simple_body(),
        "disclaimer": Disclaimer.objects.get(is_default=True),
        "live": False,
    }
    defaults.update(fields)
    article = parent.add_child(instance=ArticlePage(**defaults))
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def publish_condition(name, slug):
    condition = Condition(name=name, slug=slug, live=False)
    condition.save()
    condition.save_revision().publish()
    condition.refresh_from_db()
    return condition


DAY = datetime.timedelta(days=1)


def full_article_fields(link_target, reviewer=None):
    """Every field of the seed article, plus a reviewer and internal page links.

    The intro and every section link to ``link_target`` (a page), so that rich-text link
    expansion runs in each rich-text field the way it does in real articles.
    """
    seed = load_seed_article(SUBSECTION_HEADINGS)
    link = f'<a linktype="page" id="{link_target.pk}">{link_target.title}</a>'
    for block in seed.body:
        if isinstance(block, Section) and block.paragraphs:
            block.paragraphs[0] = f"{block.paragraphs[0]} See PAGE_LINK."
    body = article_body(seed)
    for block in body:
        if block.block_type == "section":
            source = block.value["body"].source.replace("PAGE_LINK", link)
            block.value["body"] = RichText(source)
    return {
        "subtitle": seed.subtitle,
        "intro": f"<p>{seed.intro[0]} Read {link} first.</p>",
        "body": body,
        "last_reviewed": datetime.date(2026, 1, 1),
        "next_review_due": datetime.date(2027, 1, 1),
        "reviewer": reviewer,
        "source_names": [name for name, _url in TRUSTED_SOURCES],
    }


def make_full_article(title, link_target, reviewer=None, revision=True):
    """A published article as big as the seed article, with sources and a reviewer.

    ``revision=False`` creates the page live without a revision, as a bulk import would:
    the API reads the same page row, in a fraction of the time.
    """
    fields = full_article_fields(link_target, reviewer)
    sources = TrustedSource.objects.filter(name__in=fields.pop("source_names"))
    article = ArticlePage(
        **{
            "title": title,
            "summary": f"Summary of {title}.",
            "condition": Condition.objects.get(slug="multiple-myeloma"),
            "disclaimer": Disclaimer.objects.get(is_default=True),
            "live": not revision,
            "first_published_at": None if revision else timezone.now(),
            **fields,
        }
    )
    article.source_links = [
        ArticleSource(source=source, sort_order=i) for i, source in enumerate(sources)
    ]
    ArticleIndexPage.objects.get().add_child(instance=article)
    if revision:
        article.save_revision().publish()
        article.refresh_from_db()
    return article


def media_embeds(*media):
    """Rich text that embeds the given images and links the given documents."""
    from wagtail.documents import get_document_model

    html = []
    for item in media:
        if isinstance(item, get_document_model()):
            html.append(f'<p><a linktype="document" id="{item.pk}">{item.title}</a></p>')
        else:
            html.append(f'<embed alt="" embedtype="image" format="fullwidth" id="{item.pk}"/>')
    return "".join(html)


def use_in_published_article(*media, title="Illustrated article", publish=True):
    """An article whose intro shows ``media``: what makes media reach the API."""
    return make_article(title, intro=media_embeds(*media), publish=publish)
