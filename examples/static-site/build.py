#!/usr/bin/env python3
"""Reference static-site build: every published article as HTML, from the GraphQL API,
one folder per language (``en/…``, ``es/…``).

    python build.py --endpoint http://127.0.0.1:8000/graphql/ --out site/
    python build.py --endpoint ... --out site/ --full     # ignore the last sync, rebuild all
    python build.py --endpoint ... --locales en,es --base-url https://health.example.org

For each language, the first run pages through ``articleChanges(locale:)`` without
``since`` (a full snapshot); later runs ask for the changes since the ``nextSince`` the
previous run got for that language, drop removed articles and take in changed ones. Then
every page is rendered from the state: a page links its translations (``hreflang``
alternates and a language switcher) that are on the site, so publishing or removing a
translation updates the pages of the other languages too. A file is written only when its
HTML differs, so unchanged pages keep their modification time.

State lives in ``<out>/.sync-state.json``: the next ``since`` per language and, per article
id, the file written and the article as the API served it. Standard library only.
"""

import argparse
import datetime
import html
import json
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

STATE_FILE = ".sync-state.json"
PER_PAGE = 100

ARTICLE_FIELDS = """
  id slug url title subtitle summary intro language locale structuredData
  translations { locale url }
  condition { name }
  lastReviewed nextReviewDue reviewer { name }
  sources { name url }
  disclaimer { title body }
  heroImage {
    alt credit
    image { rendition(width: 800) { url width height } }
  }
  body {
    __typename
    ... on SectionBlock { heading body subsections { heading body } }
    ... on ComparisonTableBlock { caption rows { blocks { field ... on CharBlock { value } } } }
  }
"""

CHANGES_QUERY = f"""
query Changes($since: DateTime, $locale: String!, $page: Int!, $perPage: Int!) {{
  articleChanges(since: $since, locale: $locale, page: $page, perPage: $perPage) {{
    nextSince
    changed {{ items {{ {ARTICLE_FIELDS} }} pagination {{ total nextPage }} }}
    removed {{ items {{ articleId url reason }} pagination {{ total nextPage }} }}
  }}
}}
"""


class BuildError(Exception):
    def __init__(self, message, codes=()):
        super().__init__(message)
        self.codes = set(codes)


# --- GraphQL over HTTP -----------------------------------------------------------------


def graphql(endpoint, query, variables):
    if not endpoint.startswith(("http://", "https://")):
        raise BuildError(f"The endpoint must be an http(s) URL, not {endpoint!r}.")
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        endpoint,
        data=body,
        headers={
            "Content-Type": "application/json",
            "Accept": "application/graphql-response+json, application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        raise BuildError(f"{endpoint} answered {error.code}: {error.read()[:500]!r}") from error
    if payload.get("errors"):
        codes = [error.get("extensions", {}).get("code") for error in payload["errors"]]
        raise BuildError(f"GraphQL errors: {payload['errors']}", codes)
    return payload["data"]


def fetch_changes(endpoint, since, locale):
    """Every page of ``articleChanges`` in ``locale``; starts over if the totals move while
    paging."""
    for _attempt in range(3):
        changed, removed, totals, next_since, page = [], [], None, None, 1
        while page:
            variables = {"since": since, "locale": locale, "page": page, "perPage": PER_PAGE}
            data = graphql(endpoint, CHANGES_QUERY, variables)["articleChanges"]
            page_totals = (
                data["changed"]["pagination"]["total"],
                data["removed"]["pagination"]["total"],
            )
            if totals is not None and page_totals != totals:
                break  # content changed between two pages: items may have shifted
            totals, next_since = page_totals, next_since or data["nextSince"]
            changed += data["changed"]["items"]
            removed += data["removed"]["items"]
            more = data["changed"]["pagination"]["nextPage"]
            more = more or data["removed"]["pagination"]["nextPage"]
            page = more
        else:  # no break: every page came from the same state of the content
            return changed, removed, next_since
    raise BuildError("Content kept changing while paging; try again.")


# --- Words of the site, per language ----------------------------------------------------

# The site's own words (not content: articles, disclaimers and sources come from the CMS in
# their language, never from here). A language missing here gets the English words.
MESSAGES = {
    "en": {
        "language_name": "English",
        "site": "Health articles",
        "all_articles": "All health articles",
        "skip": "Skip to content",
        "site_nav": "Site",
        "languages": "Languages",
        "choose": "Choose your language.",
        "sources": "Sources",
        "disclaimer": "Disclaimer",
        "last_reviewed": "Last reviewed {date}{by}.",
        "by": " by {name}",
        "next_review": "Next review due {date}.",
        "date": "{day} {month} {year}",
        "months": "January February March April May June July August September October "
        "November December",
        "columns": {},
    },
    "es": {
        "language_name": "Español",
        "site": "Artículos de salud",
        "all_articles": "Todos los artículos de salud",
        "skip": "Saltar al contenido",
        "site_nav": "Sitio",
        "languages": "Idiomas",
        "choose": "Elija su idioma.",
        "sources": "Fuentes",
        "disclaimer": "Aviso",
        "last_reviewed": "Última revisión: {date}{by}.",
        "by": ", por {name}",
        "next_review": "Próxima revisión prevista: {date}.",
        "date": "{day} de {month} de {year}",
        "months": "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
        "noviembre diciembre",
        "columns": {
            "treatment_type": "Tipo de tratamiento",
            "mechanism": "Mecanismo",
            "administration": "Administración",
            "common_side_effects": "Efectos secundarios frecuentes",
        },
    },
}


def words(locale):
    return MESSAGES.get(locale, MESSAGES["en"])


# --- HTML ------------------------------------------------------------------------------

e = html.escape  # every plain-text value; rich text fields arrive as sanitised HTML


STYLESHEET = Path(__file__).with_name("style.css")
DEFAULT_LOCALES = ["en", "es"]


def structured_data_html(article):
    """The article's schema.org JSON-LD as a ``<script>`` for the page head.

    The API escapes ``<``, ``>`` and ``&`` inside the JSON, so the string cannot close the
    script element and goes in as it is."""
    return f'<script type="application/ld+json">{article["structuredData"]}</script>'


def disclaimer_html(disclaimer, locale):
    return (
        f'<section class="disclaimer" aria-label="{e(words(locale)["disclaimer"])}">'
        f"<h2>{e(disclaimer['title'])}</h2>{disclaimer['body']}</section>"
    )


@dataclass
class Page:
    """A page of the site: its file, language and, for the language links, its versions
    in the other languages (``{locale: file}``, itself included)."""

    file: str
    locale: str
    language: str  # the ``lang`` of the page, a BCP 47 tag
    versions: dict = field(default_factory=dict)

    def href(self, file):
        """A link from this page to another file of the site, relative to this page."""
        target = file.removesuffix("index.html") or "./"
        return os.path.relpath(target, os.path.dirname(self.file) or ".") + (
            "/" if target.endswith("/") else ""
        )


def site_url(base_url, file):
    """The public URL of a site file: ``base_url`` + its path (root-relative without one)."""
    return f"{base_url}/{file.removesuffix('index.html')}"


def alternates_html(page, base_url, default_locale):
    """``<link rel="alternate" hreflang>`` for each version of the page, and ``x-default``:
    the default language's version (search engines show the right one per reader)."""
    links = [
        f'<link rel="alternate" hreflang="{e(locale)}" href="{e(site_url(base_url, file))}">'
        for locale, file in page.versions.items()
    ]
    if default_locale in page.versions:
        default = site_url(base_url, page.versions[default_locale])
        links.append(f'<link rel="alternate" hreflang="x-default" href="{e(default)}">')
    return "".join(links) if len(page.versions) > 1 else ""


def switcher_html(page):
    """Links to the page in the other languages, each named in its own language."""
    if len(page.versions) < 2:
        return ""
    items = []
    for locale, file in page.versions.items():
        name = e(words(locale)["language_name"])
        if locale == page.locale:
            items.append(f'<li><a href="{e(page.href(file))}" aria-current="page">{name}</a></li>')
        else:
            items.append(
                f'<li><a href="{e(page.href(file))}" hreflang="{e(locale)}" lang="{e(locale)}">'
                f"{name}</a></li>"
            )
    label = e(words(page.locale)["languages"])
    return f'<nav class="languages" aria-label="{label}"><ul>{"".join(items)}</ul></nav>'


def page_html(page, title, main, head="", footer=None, site=None):
    """A whole page: ``lang`` set, its language versions linked, the stylesheet linked
    relative to the site's root."""
    said = words(page.locale)
    home = site or f"{page.locale}/index.html"
    if footer is None:
        footer = f'<p><a href="{e(page.href(home))}">{e(said["all_articles"])}</a></p>'
    return (
        "<!doctype html>\n"
        f'<html lang="{e(page.language)}"><head><meta charset="utf-8"><title>{e(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="{e(page.href("style.css"))}">{head}</head>\n'
        f'<body><a class="skip-link" href="#content">{e(said["skip"])}</a>\n'
        f'<header class="site-header"><nav aria-label="{e(said["site_nav"])}">'
        f'<a href="{e(page.href(home))}">{e(said["site"])}</a></nav>{switcher_html(page)}'
        "</header>\n"
        f'<main id="content">{main}</main>\n<footer class="site-footer">{footer}</footer>'
        "</body></html>\n"
    )


def block_html(block, locale="en"):
    if block["__typename"] == "SectionBlock":
        subsections = "".join(
            f"<section><h3>{e(sub['heading'])}</h3>{sub['body']}</section>"
            for sub in block["subsections"]
        )
        return f"<section><h2>{e(block['heading'])}</h2>{block['body']}{subsections}</section>"
    if block["__typename"] == "ComparisonTableBlock":
        labels = column_labels(block, locale)
        head = "".join(f'<th scope="col">{e(label)}</th>' for label in labels)
        rows = "".join(row_html(row) for row in block["rows"])
        # A labelled, focusable region: keyboard users can scroll a table wider than the
        # screen; the table itself stays a table (caption, column and row headers).
        return (
            f'<div class="table-scroll" role="region" aria-label="{e(block["caption"])}" '
            f'tabindex="0"><table><caption>{e(block["caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    return ""  # a block type this build does not know yet: skip it, do not fail


def hero_html(hero):
    """The hero image (absolute on the CMS's MEDIA_BASE_URL), its alt text and credit."""
    if not hero:
        return ""
    rendition = hero["image"]["rendition"]
    credit = f"<figcaption>{e(hero['credit'])}</figcaption>" if hero["credit"] else ""
    return (
        f'<figure><img src="{e(rendition["url"])}" width="{rendition["width"]}" '
        f'height="{rendition["height"]}" alt="{e(hero["alt"])}">{credit}</figure>'
    )


def column_labels(table, locale="en"):
    """A comparison table's column headings, from its first row: the API serves each row's
    cells as child blocks in column order, named like ``common_side_effects``. So a text
    column added in the CMS appears here without a change to this build (under its field
    name until ``MESSAGES`` names it in the page's language)."""
    cells = table["rows"][0]["blocks"] if table["rows"] else []
    named = words(locale)["columns"]
    return [
        named.get(cell["field"]) or cell["field"].replace("_", " ").capitalize() for cell in cells
    ]


def row_html(row):
    """A row: its first cell (the treatment) heads the row, the others are data."""
    cells = [e(cell.get("value") or "") for cell in row["blocks"]]
    if not cells:
        return ""
    first, *rest = cells
    return f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"


def date_html(iso_date, locale):
    """``2026-12-06`` as ``6 December 2026`` (``6 de diciembre de 2026``) in a ``<time>``
    carrying the ISO date."""
    day = datetime.date.fromisoformat(iso_date)
    said = words(locale)
    month = said["months"].split()[day.month - 1]
    shown = said["date"].format(day=day.day, month=month, year=day.year)
    return f'<time datetime="{e(iso_date)}">{shown}</time>'


def review_html(article, locale):
    """The medical review line, under the title: when, by whom, and when next."""
    said, parts = words(locale), []
    if article["lastReviewed"]:
        by = said["by"].format(name=e(article["reviewer"]["name"])) if article["reviewer"] else ""
        date = date_html(article["lastReviewed"], locale)
        parts.append(said["last_reviewed"].format(date=date, by=by))
    if article["nextReviewDue"]:
        parts.append(said["next_review"].format(date=date_html(article["nextReviewDue"], locale)))
    return f'<p class="review">{" ".join(parts)}</p>' if parts else ""


def with_language_prefix(fragment, locale, locales):
    """Root-relative links of rich text (``href="/health-articles/…"``, the API's links to
    other pages) pointed into the language's folder, as the pages are built there; a link
    already in a language folder is left alone. A link to a page that has no version in
    ``locale`` stays broken: the CMS links a translation to its language's pages."""
    folders = "|".join(re.escape(code) for code in locales)
    return re.sub(rf'href="/(?!(?:{folders})/)', f'href="/{locale}/', fragment)


def article_html(article, page, base_url, default_locale, locales):
    locale = page.locale
    sources = "".join(
        f'<li><a href="{e(source["url"])}">{e(source["name"])}</a></li>'
        for source in article["sources"]
    )
    main = (
        f"<article><h1>{e(article['title'])}</h1>"
        + (f"<p class='subtitle'>{e(article['subtitle'])}</p>" if article["subtitle"] else "")
        + review_html(article, locale)
        + hero_html(article["heroImage"])
        + article["intro"]
        + "".join(block_html(block, locale) for block in article["body"])
        + (
            f"<section><h2>{e(words(locale)['sources'])}</h2><ul>{sources}</ul></section>"
            if sources
            else ""
        )
        + disclaimer_html(article["disclaimer"], locale)
        + "</article>"
    )
    main = with_language_prefix(main, locale, locales)
    head = alternates_html(page, base_url, default_locale) + structured_data_html(article)
    return page_html(page, article["title"], main, head=head)


def index_html(page, entries, base_url, default_locale):
    """A language's index: its articles, with the disclaimers they show (all of that
    language)."""
    said = words(page.locale)
    items = "".join(
        f'<li><a href="{e(page.href(entry["file"]))}">{e(entry["article"]["title"])}</a>'
        f"<p>{e(entry['article']['summary'])}</p></li>"
        for entry in sorted(entries, key=lambda entry: entry["article"]["title"].lower())
    )
    disclaimers = {}
    for entry in entries:
        disclaimer = entry["article"]["disclaimer"]
        disclaimers[disclaimer["title"]] = disclaimer
    main = f"<h1>{e(said['site'])}</h1><ul class='articles'>{items}</ul>"
    footer = "".join(disclaimer_html(d, page.locale) for d in disclaimers.values())
    head = alternates_html(page, base_url, default_locale)
    return page_html(page, said["site"], main, head=head, footer=footer)


def language_choice_html(locales, base_url, default_locale):
    """The site's root page: the languages, each named in its own language. It is the
    ``x-default`` of the language indexes' alternates."""
    said = words(default_locale)
    page = Page("index.html", default_locale, default_locale)
    indexes = {locale: f"{locale}/index.html" for locale in locales}
    items = "".join(
        f'<li><a href="{e(page.href(file))}" hreflang="{e(locale)}" lang="{e(locale)}">'
        f"{e(words(locale)['language_name'])}</a></li>"
        for locale, file in indexes.items()
    )
    main = f"<h1>{e(said['site'])}</h1><p>{e(said['choose'])}</p><ul class='articles'>{items}</ul>"
    head = "".join(
        f'<link rel="alternate" hreflang="{e(locale)}" href="{e(site_url(base_url, file))}">'
        for locale, file in indexes.items()
    )
    head += (
        f'<link rel="alternate" hreflang="x-default" href="{e(site_url(base_url, "index.html"))}">'
    )
    return page_html(page, said["site"], main, head=head, footer="", site="index.html")


# --- Files -----------------------------------------------------------------------------


def article_file(url, locale):
    """``/health-articles/slug/`` in ``es`` → ``es/health-articles/slug/index.html``,
    refusing escapes (a URL already starting with the language keeps one prefix).

    With several Wagtail sites ``url`` is absolute; only its path is used.
    """
    parts = [part for part in PurePosixPath(urlsplit(url).path).parts if part != "/"]
    if not parts or any(part in (".", "..") or "\\" in part for part in parts):
        raise BuildError(f"Refusing unsafe article URL {url!r}.")
    if parts[0] == locale:
        parts = parts[1:]
    return "/".join([locale, *parts, "index.html"])


def write_if_changed(out, relative, content):
    path = out / relative
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(content, encoding="utf-8")
    temporary.replace(path)
    return True


def remove(out, relative):
    path = out / relative
    if not path.exists():
        return False
    path.unlink()
    for parent in path.parents:  # tidy directories the deletion emptied
        if parent == out or any(parent.iterdir()):
            break
        parent.rmdir()
    return True


# --- The build -------------------------------------------------------------------------


def sync_language(endpoint, since, locale, articles, log):
    """Apply ``articleChanges(since:, locale:)`` to ``articles`` (id → entry); returns the
    next ``since`` and the numbers of articles changed and removed."""
    try:
        changed, removed, next_since = fetch_changes(endpoint, since, locale)
    except BuildError as error:
        if "SYNC_SINCE_TOO_OLD" not in error.codes:
            raise
        log(f"the last {locale} sync is older than the server keeps removals: full build")
        since = None
        changed, removed, next_since = fetch_changes(endpoint, since, locale)
    if since is None:  # a full snapshot: whatever of this language is not in it is gone
        current = {article["id"] for article in changed}
        removed = [
            {"articleId": key}
            for key, entry in articles.items()
            if entry["locale"] == locale and key not in current
        ]
    for tombstone in removed:  # removals first: an id may be removed then changed again
        articles.pop(tombstone["articleId"], None)
    for article in changed:
        if not article["url"]:
            log(f"  skipped article {article['id']}: it has no URL (not under a site root)")
            continue
        articles[article["id"]] = {
            "file": article_file(article["url"], locale),
            "locale": locale,
            "article": article,
        }
    return next_since, len(changed), len(removed)


def language_versions(articles):
    """Article id → ``{locale: file}`` of its versions on the site (itself included).

    Translations link each other both ways, so a version that names the article counts
    even if the article's own list predates it."""
    by_file = {entry["file"]: key for key, entry in articles.items()}
    linked = {key: {key} for key in articles}
    for key, entry in articles.items():
        for translation in entry["article"].get("translations") or []:
            locale = translation["locale"]
            if not translation["url"]:
                continue
            other = by_file.get(article_file(translation["url"], locale))
            if other is not None:
                linked[key].add(other)
                linked[other].add(key)
    return {
        key: {articles[o]["locale"]: articles[o]["file"] for o in sorted(group)}
        for key, group in linked.items()
    }


def render(out, articles, locales, base_url):
    """Write every page of the site from ``articles``; returns the files written."""
    default_locale = locales[0]
    versions = language_versions(articles)
    pages = {}
    for key, entry in articles.items():
        ordered = {locale: versions[key][locale] for locale in locales if locale in versions[key]}
        language = entry["article"].get("language") or entry["locale"]
        page = Page(entry["file"], entry["locale"], language, ordered)
        html_page = article_html(entry["article"], page, base_url, default_locale, locales)
        pages[entry["file"]] = html_page
    indexes = {locale: f"{locale}/index.html" for locale in locales}
    for locale, file in indexes.items():
        entries = [entry for entry in articles.values() if entry["locale"] == locale]
        page = Page(file, locale, locale, indexes)
        pages[file] = index_html(page, entries, base_url, default_locale)
    pages["index.html"] = language_choice_html(locales, base_url, default_locale)
    pages["style.css"] = STYLESHEET.read_text(encoding="utf-8")
    return [file for file, content in pages.items() if write_if_changed(out, file, content)]


def build(endpoint, out, full=False, log=print, locales=None, base_url=""):
    """Sync each language in ``locales`` (the first is the default, ``x-default``), then
    render the site; returns the files written and deleted."""
    locales = list(locales or DEFAULT_LOCALES)
    base_url = base_url.rstrip("/")
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE_FILE
    state = {}
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
    same_source = state.get("endpoint") == endpoint and isinstance(state.get("since"), dict)
    # A full snapshot also deletes the pages of articles no longer in it.
    since = state["since"] if same_source and not full else {}
    articles = state.get("articles", {}) if same_source else {}
    for key in [key for key, entry in articles.items() if entry["locale"] not in locales]:
        since.pop(articles.pop(key)["locale"], None)  # a language no longer built
    old_files = {entry["file"] for entry in articles.values()}
    if not same_source:  # another CMS, or a state from before languages: start over
        old_files |= {entry["file"] for entry in state.get("articles", {}).values()}

    deleted, next_since, changes, removals = [], {}, 0, 0
    for locale in locales:
        previous = since.get(locale)
        log(
            f"{locale}: {'incremental since ' + previous if previous else 'full build'} "
            f"from {endpoint}"
        )
        next_since[locale], changed, removed = sync_language(
            endpoint, previous, locale, articles, log
        )
        changes, removals = changes + changed, removals + removed

    current_files = {entry["file"] for entry in articles.values()}
    for file in sorted(old_files - current_files):
        if remove(out, file):
            deleted.append(file)
    written = render(out, articles, locales, base_url)
    state = {"endpoint": endpoint, "since": next_since, "articles": articles}
    write_if_changed(out, STATE_FILE, json.dumps(state, indent=1, sort_keys=True))

    for relative in written:
        log(f"  wrote   {relative}")
    for relative in deleted:
        log(f"  deleted {relative}")
    log(
        f"{changes} changed, {removals} removed in {len(locales)} languages: "
        f"{len(written)} files written, {len(deleted)} deleted, {len(articles)} articles on "
        f"the site. Next since {next_since}."
    )
    return written, deleted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", default=os.environ.get("CMS_GRAPHQL_URL"), required=False)
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--full", action="store_true", help="Ignore the last sync.")
    parser.add_argument(
        "--locales",
        default=os.environ.get("SITE_LOCALES", ",".join(DEFAULT_LOCALES)),
        help="The languages to build, comma-separated, the default first (default: en,es).",
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get("SITE_BASE_URL", ""),
        help="The site's public URL, for the hreflang links (default: root-relative links).",
    )
    args = parser.parse_args(argv)
    if not args.endpoint:
        parser.error("give --endpoint or set CMS_GRAPHQL_URL")
    locales = [code.strip() for code in args.locales.split(",") if code.strip()]
    try:
        build(args.endpoint, args.out, full=args.full, locales=locales, base_url=args.base_url)
    except (BuildError, urllib.error.URLError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
