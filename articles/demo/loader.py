"""Builds the demo site from the seed article. Every step creates what is missing and
leaves existing content alone, so loading twice changes nothing and never overwrites
an editor's work."""

from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage

from ..importing.building import article_body, paragraphs_html
from ..models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Condition,
    Disclaimer,
    TrustedSource,
)
from .seed import load_seed_article

ARTICLE_SLUG = "immunotherapy-for-multiple-myeloma"
SUMMARY = (
    "How immunotherapy treats multiple myeloma: cell-based, protein-based and combination "
    "approaches compared by mechanism, administration and common side effects."
)
CONDITION = {
    "name": "Multiple myeloma",
    "slug": "multiple-myeloma",
    "description": "A cancer of plasma cells in the bone marrow.",
}
TRUSTED_SOURCES = [
    ("American Cancer Society", "https://www.cancer.org/cancer/types/multiple-myeloma.html"),
    ("National Institutes of Health", "https://www.cancer.gov/types/myeloma"),
]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def record(self, label, created):
        (self.created if created else self.unchanged).append(label)


def publish(obj):
    revision = obj.save_revision()
    revision.publish()
    obj.refresh_from_db()
    return obj


def ensure_home_page(report):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        report.record("home page", created=False)
        return site.root_page.specific
    root = Page.get_first_root_node()
    # Wagtail's install creates a plain "Welcome" page as the site root: replace it.
    placeholder = Page.objects.filter(
        depth=2, slug="home", numchild=0, content_type=ContentType.objects.get_for_model(Page)
    ).first()
    if placeholder:
        placeholder.delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home", live=False))
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    report.record("home page", created=True)
    return home


def ensure_article_index(home, report):
    index = ArticleIndexPage.objects.child_of(home).first()
    if index:
        report.record("article index", created=False)
        return index
    index = home.add_child(
        instance=ArticleIndexPage(
            title="Health articles",
            slug="health-articles",
            intro="<p>Medically reviewed articles on conditions and treatments.</p>",
            live=False,
        )
    )
    report.record("article index", created=True)
    return publish(index)


def ensure_snippet(model, lookup, defaults, report, label):
    obj = model.objects.filter(**lookup).first()
    if obj:
        report.record(label, created=False)
        return obj
    obj = model(**lookup, **defaults)
    if hasattr(obj, "live"):
        obj.live = False
        obj.save()
        publish(obj)
    else:
        obj.save()
        obj.save_revision()
    report.record(label, created=True)
    return obj


def ensure_article(index, seed, condition, disclaimer, sources, report, reviewer=None):
    """The seed article, published as reviewed today by ``reviewer``."""
    article = ArticlePage.objects.filter(slug=ARTICLE_SLUG).first()
    if article:
        report.record(f"article '{article.title}'", created=False)
        return article
    today = timezone.localdate()
    article = ArticlePage(
        title=seed.title,
        slug=ARTICLE_SLUG,
        subtitle=seed.subtitle,
        summary=SUMMARY,
        intro=paragraphs_html(seed.intro),
        condition=condition,
        body=article_body(seed, TRUSTED_SOURCES),
        disclaimer=disclaimer,
        last_reviewed=today,
        next_review_due=today + relativedelta(months=settings.ARTICLE_REVIEW_INTERVAL_MONTHS),
        reviewer=reviewer,
        live=False,
    )
    article.source_links = [
        ArticleSource(source=source, sort_order=i) for i, source in enumerate(sources)
    ]
    index.add_child(instance=article)
    report.record(f"article '{article.title}'", created=True)
    return publish(article)


@transaction.atomic
def load_demo_content(progress=lambda message: None, reviewer=None):
    """The demo site; the seed article is stamped as reviewed today by ``reviewer``."""
    report = LoadReport()
    seed = load_seed_article()
    progress("site root")
    home = ensure_home_page(report)
    progress("article index")
    index = ensure_article_index(home, report)
    progress("condition, disclaimer and trusted sources")
    condition = ensure_snippet(
        Condition,
        {"slug": CONDITION["slug"]},
        {"name": CONDITION["name"], "description": CONDITION["description"]},
        report,
        "condition 'Multiple myeloma'",
    )
    disclaimer = ensure_snippet(
        Disclaimer,
        {"is_default": True},
        {"title": "Medical disclaimer", "body": paragraphs_html([seed.disclaimer])},
        report,
        "default disclaimer",
    )
    sources = [
        ensure_snippet(TrustedSource, {"name": name}, {"url": url}, report, f"source '{name}'")
        for name, url in TRUSTED_SOURCES
    ]
    progress("seed article")
    return report, ensure_article(index, seed, condition, disclaimer, sources, report, reviewer)
