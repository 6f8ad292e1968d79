"""Articles built the way editors build them: a page under the index, then a revision."""

import datetime

from articles.demo.loader import article_body
from articles.demo.seed import Section, SeedArticle, Table
from articles.models import ArticleIndexPage, ArticlePage, Condition, Disclaimer


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
