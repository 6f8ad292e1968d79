"""``routes``: every path a frontend must serve, so no internal link points at a page the
build did not create (rich-text links may point at the home page or the articles index)."""

import graphene
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from delivery.locales import requested_language
from delivery.visibility import servable_pages

from .queries import locale_argument
from .rich_text import frontend_url


class Route(graphene.ObjectType):
    """A page readers can reach, at the path internal links to it use."""

    url = graphene.String(
        required=True,
        description="Where internal links to the page point, as articles' `url`: the "
        "site-relative path (e.g. `/health-articles/slug/`), on `FRONTEND_BASE_URL` when set.",
    )
    page_id = graphene.ID(required=True, description="The page's id (as `ArticlePage.id`).")
    page_type = graphene.String(
        required=True, description="`HomePage`, `ArticleIndexPage` or `ArticlePage`."
    )
    title = graphene.String(required=True, description="The page's title.")
    locale = graphene.String(required=True, description="The page's content language code.")


def routes(locale=None):
    """Every live, public page of one language under a site root, in tree order (content
    types are cached)."""
    language = requested_language(locale)
    root_paths = Site.get_site_root_paths()
    pages = list(
        servable_pages(Page.objects.filter(locale__language_code=language))
        .only("id", "title", "path", "depth", "url_path", "content_type_id")
        .order_by("path")
    )
    found = []
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths
        url = frontend_url(page)
        if url:  # outside every site: not reachable by readers
            page_type = ContentType.objects.get_for_id(page.content_type_id).model_class()
            page_type = page_type.__name__
            found.append(
                Route(
                    url=url,
                    page_id=page.pk,
                    page_type=page_type,
                    title=page.title,
                    locale=language,
                )
            )
    return found


class RouteQuery:
    routes = graphene.List(
        graphene.NonNull(Route),
        required=True,
        locale=locale_argument(),
        description="Every path a frontend must serve in one language (the default "
        "language unless `locale` is given): the home and index pages and every live "
        "article, in tree order.",
    )

    def resolve_routes(self, info, locale=None):
        return routes(locale)
