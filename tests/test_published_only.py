"""Drafts never reach the API: only live, public pages and published snippet versions.

The matrix crosses every state content can be in (``STATES``) with every way into the API
(``ENTRY_POINTS``): one test per state runs every entry point, each in a savepoint, and
names the entry points that leaked. Each state hides the marker ``LEAKMARK`` somewhere readers must not
see it (a draft title, a private page, a draft snippet revision, an image in a private
collection, ...); each entry point asks for everything it can reach over HTTP and the
response must succeed without the marker. A new entry point is one more function in
``ENTRY_POINTS``; a new state is one more in ``STATES``.
"""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage, Condition, Disclaimer

from .factories import make_article, publish_condition, use_in_published_article

pytestmark = pytest.mark.django_db

MARKER = "LEAKMARK"
SEED_SLUG = "immunotherapy-for-multiple-myeloma"


@dataclass
class Hidden:
    """What a state hides; entry points look it up by these handles."""

    page: object = None
    condition_slug: str = "multiple-myeloma"
    image_id: int = 0
    document_id: int = 0


# --- States ----------------------------------------------------------------------------


def never_published_draft(seed, editor):
    return Hidden(page=make_article(f"{MARKER} draft", publish=False))


def unpublished(seed, editor):
    article = make_article(f"{MARKER} withdrawn")
    article.unpublish()
    return Hidden(page=article)


def draft_revision_of_live_page(seed, editor):
    draft = seed.get_latest_revision_as_object()
    draft.title = f"{MARKER} title"
    draft.subtitle = f"{MARKER} subtitle"
    draft.seo_title = f"{MARKER} seo"
    draft.body[1].value["rows"][0]["mechanism"] = f"{MARKER} dosage"
    draft.save_revision(user=editor)
    seed.refresh_from_db()
    assert seed.draft_title.startswith(MARKER) and seed.has_unpublished_changes
    return Hidden(page=seed)


def revision_in_review(seed, editor):
    draft_revision_of_live_page(seed, editor)
    workflow = seed.get_workflow()
    workflow.start(seed, editor)
    assert seed.workflow_in_progress
    return Hidden(page=seed)


def restricted(restriction_type, on_parent=False):
    def state(seed, editor):
        article = make_article(f"{MARKER} restricted")
        restriction = PageViewRestriction.objects.create(
            page=article.get_parent() if on_parent else article,
            restriction_type=restriction_type,
            password="secret" if restriction_type == "password" else "",
        )
        if restriction_type == "groups":
            restriction.groups.add(Group.objects.get(name="Editors"))
        return Hidden(page=article)

    state.__name__ = f"{restriction_type}_restricted{'_parent' if on_parent else ''}"
    return state


def unpublished_parent(seed, editor):
    index = ArticleIndexPage.objects.get()
    index.title = f"{MARKER} library"
    index.save_revision().publish()
    index.unpublish()
    return Hidden(page=index)


def future_go_live(seed, editor):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    article = make_article(f"{MARKER} scheduled", publish=False, go_live_at=tomorrow)
    article.get_latest_revision().publish()
    article.refresh_from_db()
    assert not article.live
    return Hidden(page=article)


def scheduled_revision_of_live_page(seed, editor):
    draft = seed.get_latest_revision_as_object()
    draft.title = f"{MARKER} next week"
    draft.go_live_at = timezone.now() + datetime.timedelta(days=7)
    draft.save_revision(user=editor).publish()
    seed.refresh_from_db()
    assert seed.live and seed.title == "Immunotherapy for Multiple Myeloma"
    return Hidden(page=seed)


def expired_awaiting_cron(seed, editor):
    article = make_article(f"{MARKER} expired")
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    return Hidden(page=article)


def expired(seed, editor):
    hidden = expired_awaiting_cron(seed, editor)
    call_command("publish_scheduled", stdout=io.StringIO())
    hidden.page.refresh_from_db()
    assert hidden.page.expired and not hidden.page.live
    return hidden


def draft_condition(seed, editor):
    condition = Condition.objects.create(
        name=f"{MARKER} condition", slug="leakmark-condition", live=False
    )
    make_article("About a draft condition", condition=condition)
    return Hidden(condition_slug=condition.slug)


def unpublished_condition(seed, editor):
    condition = publish_condition(f"{MARKER} withdrawn condition", "leakmark-withdrawn")
    make_article("About a withdrawn condition", condition=condition)
    condition.unpublish()
    return Hidden(condition_slug=condition.slug)


def draft_revision_of_condition(seed, editor):
    condition = Condition.objects.get(slug="multiple-myeloma")
    condition.description = f"{MARKER} unreviewed description"
    condition.save_revision(user=editor)
    return Hidden()


def draft_disclaimer(seed, editor):
    disclaimer = Disclaimer.objects.create(
        title=f"{MARKER} disclaimer", body=f"<p>{MARKER} unapproved</p>", live=False
    )
    make_article("Uses a draft disclaimer", disclaimer=disclaimer)
    return Hidden()


def draft_revision_of_disclaimer(seed, editor):
    disclaimer = Disclaimer.objects.get(is_default=True)
    disclaimer.body = f"<p>{MARKER} unapproved wording</p>"
    disclaimer.save_revision(user=editor)
    return Hidden()


def media_in_private_collections(seed, editor):
    root = Collection.get_first_root_node()
    private = root.add_child(name=f"{MARKER} private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    nested = private.add_child(name=f"{MARKER} nested")
    Image.objects.create(title=f"{MARKER} image", file=get_test_image_file(), collection=private)
    image = Image.objects.create(
        title=f"{MARKER} nested image", file=get_test_image_file(), collection=nested
    )
    document = Document.objects.create(
        title=f"{MARKER} document", file=ContentFile(b"x", name="notes.txt"), collection=nested
    )
    return Hidden(image_id=image.pk, document_id=document.pk)


STATES = [
    never_published_draft,
    unpublished,
    draft_revision_of_live_page,
    revision_in_review,
    restricted("password"),
    restricted("login"),
    restricted("groups"),
    restricted("login", on_parent=True),
    unpublished_parent,
    future_go_live,
    scheduled_revision_of_live_page,
    expired_awaiting_cron,
    expired,
    draft_condition,
    unpublished_condition,
    draft_revision_of_condition,
    draft_disclaimer,
    draft_revision_of_disclaimer,
    media_in_private_collections,
]

# --- Entry points ----------------------------------------------------------------------

SEEN = """
fragment Seen on PageInterface {
  id title slug urlPath seoTitle searchDescription
  ... on ArticlePage {
    subtitle summary intro
    condition { name slug description }
    disclaimer { title body }
    sources { name url }
    body {
      __typename
      ... on SectionBlock { heading body subsections { heading body } }
      ... on ComparisonTableBlock {
        caption rows { treatmentType mechanism administration commonSideEffects }
      }
    }
  }
  ... on ArticleIndexPage { intro }
}
"""


# Listings ask for the fields the markers are in, so that 20 items stay within the limits.
BRIEF = """
fragment Brief on PageInterface {
  id title slug urlPath seoTitle searchDescription
  ... on ArticlePage {
    subtitle summary
    condition { name slug description }
    disclaimer { title body }
    body { ... on ComparisonTableBlock { rows { mechanism } } }
  }
}
"""


def page_variables(hidden):
    page = hidden.page
    return {
        "id": page.pk if page else 0,
        "slug": page.slug if page else "none",
        "path": page.url_path.split("/", 2)[-1] if page else "/none/",
    }


def page(graphql, hidden):
    query = """query($id: ID, $slug: String, $path: String) {
      byId: page(id: $id) { ...Seen }
      bySlug: page(slug: $slug) { ...Seen }
      byPath: page(urlPath: $path) { ...Seen }
      typed: page(slug: $slug, contentType: "articles.ArticlePage") { ...Seen }
    }"""
    return graphql.post(query + SEEN, page_variables(hidden))


def pages(graphql, hidden):
    query = """query($id: ID) {
      pages(limit: 20) { ...Brief }
      typed: pages(contentType: "articles.ArticlePage", limit: 20) { ...Brief }
      byTitle: pages(order: "-title", limit: 20) { title }
      byId: pages(id: $id) { title }
      children: pages(parent: $id) { title }
      descendants: pages(ancestor: $id) { title }
    }"""
    return graphql.post(query + BRIEF, {"id": page_variables(hidden)["id"]})


def articles(graphql, hidden):
    query = """query($id: ID, $slug: String, $condition: String, $seed: String) {
      articles(perPage: 20) { items { ...Brief } pagination { total } }
      byTitle: articles(perPage: 20, order: TITLE_ASC) { items { title } }
      byCondition: articles(condition: $condition) { items { ...Brief } }
      article(id: $id) { ...Seen }
      bySlug: article(slug: $slug) { ...Seen }
      seed: article(slug: $seed) { ...Seen }
    }"""
    variables = page_variables(hidden)
    del variables["path"]
    variables.update(condition=hidden.condition_slug, seed=SEED_SLUG)
    return graphql.post(query + SEEN + BRIEF, variables)


def search(graphql, hidden):
    # The Search union holds only what search returns (pages, conditions): disclaimers and
    # trusted sources cannot be spread here, so the schema itself keeps them out.
    query = """query($q: String) {
      search(query: $q) {
        __typename
        ...Brief
        ... on Condition { name slug description }
      }
      pages(searchQuery: $q) { title }
      images(searchQuery: $q) { title }
      documents(searchQuery: $q) { title }
    }"""
    return graphql.post(query + BRIEF, {"q": MARKER.lower()})


def snippets(graphql, hidden):
    query = """{
      snippets {
        __typename
        ... on Condition { name slug description }
        ... on Disclaimer { title body }
        ... on TrustedSource { name url }
      }
      conditions { name slug description }
    }"""
    return graphql.post(query)


def traversals(graphql, hidden):
    links = "title slug urlPath"
    query = f"""query($id: ID) {{
      pages(limit: 20) {{
        parent {{ {links} }}
        children {{ {links} }}
        siblings {{ {links} }}
        nextSiblings {{ {links} }}
        previousSiblings {{ {links} }}
        descendants {{ {links} }}
        ancestors {{ {links} }}
      }}
      page(id: $id) {{ parent {{ {links} }} children {{ {links} }} }}
    }}"""
    return graphql.post(query, {"id": page_variables(hidden)["id"]})


def links_in_live_content(graphql, hidden):
    seed = ArticlePage.objects.get(slug=SEED_SLUG)
    if hidden.page is not None and hidden.page.pk != seed.pk:
        seed.intro = f'<p><a linktype="page" id="{hidden.page.pk}">see also</a></p>'
        seed.save_revision().publish()
    query = "query($slug: String) { article(slug: $slug) { intro body { ...on SectionBlock { body } } } }"
    return graphql.post(query, {"slug": SEED_SLUG})


def redirects(graphql, hidden):
    if hidden.page is not None:
        Redirect.objects.create(old_path="/moved", redirect_page=hidden.page)
    query = (
        "{ redirects { oldPath oldUrl newUrl isPermanent page { ...Seen } site { hostname } } }"
    )
    return graphql.post(query + SEEN)


def media(graphql, hidden):
    query = """query($image: ID, $document: ID) {
      images(limit: 50) { title collection { name } }
      image(id: $image) { title }
      documents(limit: 50) { title collection { name } }
      document(id: $document) { title }
      collections(limit: 50) { name descendants { name } ancestors { name } }
    }"""
    return graphql.post(query, {"image": hidden.image_id, "document": hidden.document_id})


def sync(graphql, hidden):
    """Incremental sync: changes and removals since yesterday (removals by id and reason:
    a tombstone's slug and path are those the article had while it was public)."""
    query = """query($since: DateTime) {
      full: articleChanges { changed { items { ...Seen } } }
      since: articleChanges(since: $since) {
        changed { items { ...Seen } }
        removed { items { articleId reason } }
      }
    }"""
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    return graphql.post(query + SEEN, {"since": since})


def preview_tokens(graphql, hidden):
    """A real token for the hidden draft, expired; tampered and forged variants; none."""
    draft = hidden.page.specific if hidden.page else None
    if not isinstance(draft, ArticlePage):  # only articles are previewed on the frontend
        draft = ArticlePage.objects.get(slug=SEED_SLUG)
    token = draft.get_latest_revision_as_object().create_page_preview().token
    identifier, timestamp, signature = token.split(":")
    query = """query($expired: String, $tampered: String, $forged: String, $empty: String) {
      expired: page(token: $expired) { ...Seen }
      tampered: page(token: $tampered) { ...Seen }
      forged: page(token: $forged) { ...Seen }
      empty: page(token: $empty) { ...Seen }
    }"""
    variables = {
        "expired": token,
        "tampered": f"{identifier}:{timestamp}:{signature[::-1]}",
        "forged": f"{identifier}:{timestamp}:{'A' * len(signature)}",
        "empty": "",
    }
    with override_settings(PREVIEW_TOKEN_MAX_AGE_SECONDS=-1):  # every token has expired
        return graphql.post(query + SEEN, variables)


ENTRY_POINTS = [
    page,
    pages,
    articles,
    search,
    snippets,
    traversals,
    links_in_live_content,
    redirects,
    media,
    sync,
    preview_tokens,
]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


class Rollback(Exception):
    pass


def leaks(graphql, hidden, entry_point):
    """What an entry point reveals of the hidden state (nothing, ideally), in a savepoint."""
    try:
        with transaction.atomic():
            response = entry_point(graphql, hidden)
            raise Rollback
    except Rollback:
        pass
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.content[:300]}"
    payload = response.json()
    if "errors" in payload:
        return f"errors: {payload['errors']}"
    body = response.content.decode()
    if MARKER.lower() in body.lower():
        at = body.lower().index(MARKER.lower())
        return f"leaked: ...{body[max(0, at - 120) : at + 60]}..."
    return None


@pytest.mark.parametrize("state", STATES, ids=lambda f: f.__name__)
def test_hidden_content_never_leaks(graphql, seed_article, editor, state):
    """Every entry point for one state (one test per state keeps the suite fast)."""
    hidden = state(seed_article, editor)
    found = {ep.__name__: leaks(graphql, hidden, ep) for ep in ENTRY_POINTS}
    assert {name: leak for name, leak in found.items() if leak} == {}


# --- What published content shows instead ---------------------------------------------


def test_live_version_is_served_while_a_newer_revision_waits(graphql, seed_article, editor):
    draft_revision_of_live_page(seed_article, editor)
    query = """query($slug: String!) {
      article(slug: $slug) { title body { ... on ComparisonTableBlock { rows { mechanism } } } }
    }"""
    article = graphql.execute(query, {"slug": seed_article.slug})["article"]
    assert article["title"] == "Immunotherapy for Multiple Myeloma"
    assert article["body"][1]["rows"][0]["mechanism"].startswith("Modifies immune cells")


def test_article_with_unpublished_disclaimer_falls_back_to_the_default(graphql, seed_article):
    draft_disclaimer = Disclaimer.objects.create(title="Unapproved", body="<p>x</p>", live=False)
    article = make_article("Uses a draft disclaimer", disclaimer=draft_disclaimer)
    data = graphql.execute(
        "query($id: ID) { article(id: $id) { disclaimer { title } } }", {"id": article.pk}
    )
    assert data["article"]["disclaimer"]["title"] == "Medical disclaimer"


def test_unpublished_condition_is_hidden_on_the_article(graphql, demo_content):
    condition = publish_condition("Anaemia", "anaemia")
    article = make_article("Anaemia and myeloma", condition=condition)
    condition.unpublish()
    data = graphql.execute(
        """query($id: ID) { article(id: $id) { condition { slug } }
           articles(condition: "anaemia") { items { id } } }""",
        {"id": article.pk},
    )
    assert data["article"]["condition"] is None
    assert data["articles"]["items"] == []


def test_parent_of_a_live_page_under_a_draft_is_hidden(graphql, demo_content):
    ArticleIndexPage.objects.get().unpublish()
    article = ArticlePage.objects.get()
    assert article.live  # unpublishing the index leaves the article live
    data = graphql.execute(
        "query($id: ID) { page(id: $id) { parent { id } ancestors { title } } }",
        {"id": article.pk},
    )
    assert data["page"]["parent"] is None
    assert data["page"]["ancestors"] == [{"title": "Home"}]


def test_links_to_draft_pages_lose_their_href(graphql, seed_article):
    draft = make_article("Unreleased article", publish=False)
    seed_article.intro = f'<p><a linktype="page" id="{draft.pk}">coming soon</a></p>'
    seed_article.save_revision().publish()
    intro = graphql.execute(
        "query($slug: String!) { article(slug: $slug) { intro } }", {"slug": seed_article.slug}
    )["article"]["intro"]
    assert "<a>coming soon</a>" in intro
    assert "unreleased-article" not in intro


def test_links_to_private_pages_lose_their_href(graphql, seed_article):
    private = make_article("Staff memo")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    public = make_article("Open letter")
    seed_article.intro = (
        f'<p><a linktype="page" id="{private.pk}">memo</a> '
        f'<a linktype="page" id="{public.pk}">letter</a></p>'
    )
    seed_article.save_revision().publish()
    intro = graphql.execute(
        "query($slug: String!) { article(slug: $slug) { intro } }", {"slug": seed_article.slug}
    )["article"]["intro"]
    assert "<a>memo</a>" in intro
    assert '<a href="/health-articles/open-letter/">letter</a>' in intro


def test_redirects_to_live_pages_and_external_urls_are_served(graphql, seed_article):
    Redirect.objects.create(old_path="/old-article", redirect_page=seed_article)
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://example.org/")
    data = graphql.execute("{ redirects { oldPath newUrl page { title } } }")
    served = {r["oldPath"]: r for r in data["redirects"]}
    assert served["/old-article"]["page"]["title"] == "Immunotherapy for Multiple Myeloma"
    assert served["/elsewhere"]["newUrl"] == "https://example.org/"


def test_search_finds_published_pages_and_snippets(graphql, seed_article):
    data = graphql.execute(
        """{ search(query: "myeloma") {
               __typename ... on ArticlePage { title } ... on Condition { name } } }"""
    )
    assert {r["__typename"] for r in data["search"]} == {"ArticlePage", "Condition"}


def test_public_images_and_collections_are_served(graphql, demo_content):
    root = Collection.get_first_root_node()
    public = root.add_child(name="Illustrations")
    image = Image.objects.create(
        title="Cell diagram", file=get_test_image_file(), collection=public
    )
    use_in_published_article(image)
    data = graphql.execute("{ images { title } collections { name descendants { name } } }")
    assert data["images"] == [{"title": "Cell diagram"}]
    assert {"name": "Illustrations", "descendants": []} in data["collections"]
