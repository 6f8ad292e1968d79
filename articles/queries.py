"""Article entry points of the GraphQL API, beside Grapple's generic ``page``/``pages``."""

import graphene
from django.db.models import F
from graphql import GraphQLError
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.structures import PaginationType

from delivery.locales import LOCALE_ARGUMENT, requested_language
from delivery.paging import page_of
from delivery.visibility import published, servable_pages

from .delivery import sources_prefetch
from .models import ArticlePage, Condition


class ArticleOrder(graphene.Enum):
    """The orders the articles listing supports; each breaks ties by id."""

    PUBLISHED_DESC = "published_desc"
    PUBLISHED_ASC = "published_asc"
    LAST_REVIEWED_DESC = "last_reviewed_desc"
    LAST_REVIEWED_ASC = "last_reviewed_asc"
    TITLE_ASC = "title_asc"
    TITLE_DESC = "title_desc"

    @property
    def description(self):
        return {
            "published_desc": "Newest first publication first (the default).",
            "published_asc": "Oldest first publication first.",
            "last_reviewed_desc": "Most recently reviewed first; never reviewed last.",
            "last_reviewed_asc": "Least recently reviewed first; never reviewed last.",
            "title_asc": "By title, A to Z.",
            "title_desc": "By title, Z to A.",
        }[self.value]


ORDERINGS = {
    ArticleOrder.PUBLISHED_DESC.value: (F("first_published_at").desc(nulls_last=True), "-pk"),
    ArticleOrder.PUBLISHED_ASC.value: (F("first_published_at").asc(nulls_last=True), "pk"),
    ArticleOrder.LAST_REVIEWED_DESC.value: (F("last_reviewed").desc(nulls_last=True), "-pk"),
    ArticleOrder.LAST_REVIEWED_ASC.value: (F("last_reviewed").asc(nulls_last=True), "pk"),
    ArticleOrder.TITLE_ASC.value: ("title", "pk"),
    ArticleOrder.TITLE_DESC.value: ("-title", "-pk"),
}


def article_type():
    return registry.pages[ArticlePage]


class PaginatedArticles(graphene.ObjectType):
    """One page of articles, with the counts to page through them all."""

    items = graphene.List(
        graphene.NonNull(article_type), required=True, description="The articles on this page."
    )
    pagination = graphene.Field(
        PaginationType, required=True, description="Totals and the next and previous pages."
    )


def published_articles():
    """Live, public articles with everything a full article needs, fetched up front."""
    return (
        servable_pages(ArticlePage.objects.all())
        .select_related(*ArticlePage.delivery_select_related)
        .prefetch_related(sources_prefetch(ArticlePage))
    )


def published_articles_in(locale=None):
    """``published_articles`` in the language a ``locale:`` argument asks for (the default
    when ``None``; an unknown code is a ``BAD_USER_INPUT`` error). No other language's
    articles, ever: a language with no live version of an article has no article."""
    return published_articles().filter(locale__language_code=requested_language(locale))


def locale_argument():
    return graphene.Argument(graphene.String, description=LOCALE_ARGUMENT)


def page_window(page, per_page):
    """The requested page and page size (``PAGE_SIZE`` when not given).

    The schema has already refused values out of bounds (``delivery.paging``).
    """
    return page or 1, grapple_settings.PAGE_SIZE if per_page is None else per_page


def paginate(queryset, page, per_page):
    total = queryset.count()
    total_pages = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    items = page_of(queryset, start, start + per_page) if start < total else []
    return PaginatedArticles(
        items=items,
        pagination=PaginationType(
            total=total,
            count=len(items),
            per_page=per_page,
            current_page=page,
            prev_page=page - 1 if 1 < page <= total_pages + 1 else None,
            next_page=page + 1 if page < total_pages else None,
            total_pages=total_pages,
        ),
    )


class ArticleQuery:
    articles = graphene.Field(
        graphene.NonNull(PaginatedArticles),
        page=graphene.Argument(graphene.Int, default_value=1, description="1-based page number."),
        per_page=graphene.Argument(
            graphene.Int,
            description="Articles per page: defaults to PAGE_SIZE, at most MAX_PAGE_SIZE.",
        ),
        condition=graphene.Argument(
            graphene.String, description="Only articles about the condition with this slug."
        ),
        order=graphene.Argument(
            ArticleOrder,
            default_value=ArticleOrder.PUBLISHED_DESC.value,
            description="The order of the list; every order breaks ties by id.",
        ),
        locale=locale_argument(),
        description="Published articles in one language (the default language unless "
        "`locale` is given), paginated, with the total count.",
    )
    article = graphene.Field(
        article_type,
        id=graphene.ID(description="The article's id, in whatever language it is."),
        slug=graphene.String(
            description="The article's slug, in the language `locale` (a slug may exist in "
            "several languages)."
        ),
        locale=graphene.Argument(
            graphene.String,
            description=LOCALE_ARGUMENT + " With `id`, the article must be in this language.",
        ),
        description="One published article, by id or slug (exactly one). Null if none: also "
        "when it has no live version in the language asked for (no fallback to another "
        "language).",
    )
    conditions = graphene.List(
        graphene.NonNull(lambda: registry.snippets[Condition]),
        locale=locale_argument(),
        required=True,
        description="Published conditions in one language (the default language unless "
        "`locale` is given), by name.",
    )

    def resolve_articles(
        self, info, page=1, per_page=None, condition=None, order=None, locale=None
    ):
        page, per_page = page_window(page, per_page)
        articles = published_articles_in(locale)
        if condition is not None:
            articles = articles.filter(condition__in=published(Condition).filter(slug=condition))
        ordering = ORDERINGS[getattr(order, "value", order) or ArticleOrder.PUBLISHED_DESC.value]
        return paginate(articles.order_by(*ordering), page, per_page)

    def resolve_article(self, info, id=None, slug=None, locale=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Give exactly one of id or slug.")
        if id is not None:
            # Ids are unique across languages: a locale, if given, must match.
            articles = published_articles() if locale is None else published_articles_in(locale)
            lookup = {"pk": id}
        else:
            articles, lookup = published_articles_in(locale), {"slug": slug}
        try:
            return articles.filter(**lookup).first()
        except (ValueError, TypeError):
            return None

    def resolve_conditions(self, info, locale=None):
        return list(published(Condition).filter(locale__language_code=requested_language(locale)))
