#!/usr/bin/env python3
"""Reference static-site build: every published article as HTML, from the GraphQL API.

    python build.py --endpoint http://127.0.0.1:8000/graphql/ --out site/
    python build.py --endpoint ... --out site/ --full     # ignore the last sync, rebuild all

The first run pages through ``articleChanges`` without ``since`` (a full snapshot); later
runs ask for the changes since the ``nextSince`` the previous run got, delete the pages of
removed articles, write the pages of changed ones, and rewrite the index. A page file is
written only when its HTML differs, so unchanged pages keep their modification time.

State lives in ``<out>/.sync-state.json``: the next ``since`` and, per article id, the file
written and what the index needs. Standard library only.
"""

import argparse
import datetime
import html
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

STATE_FILE = ".sync-state.json"
PER_PAGE = 100

ARTICLE_FIELDS = """
  id slug url title subtitle summary intro language structuredData
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
query Changes($since: DateTime, $page: Int!, $perPage: Int!) {{
  articleChanges(since: $since, page: $page, perPage: $perPage) {{
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


def fetch_changes(endpoint, since):
    """Every page of ``articleChanges``; starts over if the totals move while paging."""
    for _attempt in range(3):
        changed, removed, totals, next_since, page = [], [], None, None, 1
        while page:
            variables = {"since": since, "page": page, "perPage": PER_PAGE}
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


# --- HTML ------------------------------------------------------------------------------

e = html.escape  # every plain-text value; rich text fields arrive as sanitised HTML


STYLESHEET = Path(__file__).with_name("style.css")
DEFAULT_LANGUAGE = "en"


def structured_data_html(article):
    """The article's schema.org JSON-LD as a ``<script>`` for the page head.

    The API escapes ``<``, ``>`` and ``&`` inside the JSON, so the string cannot close the
    script element and goes in as it is."""
    return f'<script type="application/ld+json">{article["structuredData"]}</script>'


def disclaimer_html(disclaimer):
    return (
        '<section class="disclaimer" aria-label="Disclaimer">'
        f"<h2>{e(disclaimer['title'])}</h2>{disclaimer['body']}</section>"
    )


def page_html(title, main, home_href, language, head="", footer=""):
    """A whole page: ``lang`` set, the stylesheet linked relative to the site's root."""
    stylesheet = home_href.removesuffix("index.html") + "style.css"
    footer = footer or f'<p><a href="{e(home_href)}">All health articles</a></p>'
    return (
        "<!doctype html>\n"
        f'<html lang="{e(language)}"><head><meta charset="utf-8"><title>{e(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="{e(stylesheet)}">{head}</head>\n'
        '<body><a class="skip-link" href="#content">Skip to content</a>\n'
        '<header class="site-header"><nav aria-label="Site">'
        f'<a href="{e(home_href)}">Health articles</a></nav></header>\n'
        f'<main id="content">{main}</main>\n<footer class="site-footer">{footer}</footer>'
        "</body></html>\n"
    )


def block_html(block):
    if block["__typename"] == "SectionBlock":
        subsections = "".join(
            f"<section><h3>{e(sub['heading'])}</h3>{sub['body']}</section>"
            for sub in block["subsections"]
        )
        return f"<section><h2>{e(block['heading'])}</h2>{block['body']}{subsections}</section>"
    if block["__typename"] == "ComparisonTableBlock":
        head = "".join(f'<th scope="col">{e(label)}</th>' for label in column_labels(block))
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


def column_labels(table):
    """A comparison table's column headings, from its first row: the API serves each row's
    cells as child blocks in column order, named like ``common_side_effects``. So a text
    column added in the CMS appears here without a change to this build."""
    cells = table["rows"][0]["blocks"] if table["rows"] else []
    return [cell["field"].replace("_", " ").capitalize() for cell in cells]


def row_html(row):
    """A row: its first cell (the treatment) heads the row, the others are data."""
    cells = [e(cell.get("value") or "") for cell in row["blocks"]]
    if not cells:
        return ""
    first, *rest = cells
    return f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"


def date_html(iso_date):
    """``2026-12-06`` as ``6 December 2026`` in a ``<time>`` carrying the ISO date."""
    day = datetime.date.fromisoformat(iso_date)
    return f'<time datetime="{e(iso_date)}">{day.day} {day:%B %Y}</time>'


def review_html(article):
    """The medical review line, under the title: when, by whom, and when next."""
    parts = []
    if article["lastReviewed"]:
        reviewer = f" by {e(article['reviewer']['name'])}" if article["reviewer"] else ""
        parts.append(f"Last reviewed {date_html(article['lastReviewed'])}{reviewer}.")
    if article["nextReviewDue"]:
        parts.append(f"Next review due {date_html(article['nextReviewDue'])}.")
    return f'<p class="review">{" ".join(parts)}</p>' if parts else ""


def article_html(article, home_href):
    sources = "".join(
        f'<li><a href="{e(source["url"])}">{e(source["name"])}</a></li>'
        for source in article["sources"]
    )
    main = (
        f"<article><h1>{e(article['title'])}</h1>"
        + (f"<p class='subtitle'>{e(article['subtitle'])}</p>" if article["subtitle"] else "")
        + review_html(article)
        + hero_html(article["heroImage"])
        + article["intro"]
        + "".join(block_html(block) for block in article["body"])
        + (f"<section><h2>Sources</h2><ul>{sources}</ul></section>" if sources else "")
        + disclaimer_html(article["disclaimer"])
        + "</article>"
    )
    return page_html(
        article["title"],
        main,
        home_href,
        article.get("language") or DEFAULT_LANGUAGE,
        head=structured_data_html(article),
    )


def index_html(entries):
    items = "".join(
        f'<li><a href="{e(entry["href"])}">{e(entry["title"])}</a>'
        f"<p>{e(entry['summary'])}</p></li>"
        for entry in sorted(entries, key=lambda entry: entry["title"].lower())
    )
    disclaimers = {entry["disclaimer"]["title"]: entry["disclaimer"] for entry in entries}
    languages = {entry.get("language") or DEFAULT_LANGUAGE for entry in entries}
    language = languages.pop() if len(languages) == 1 else DEFAULT_LANGUAGE
    main = f"<h1>Health articles</h1><ul class='articles'>{items}</ul>"
    footer = "".join(disclaimer_html(d) for d in disclaimers.values())
    return page_html("Health articles", main, "index.html", language, footer=footer)


# --- Files -----------------------------------------------------------------------------


def article_file(url):
    """``/health-articles/slug/`` → ``health-articles/slug/index.html``, refusing escapes.

    With several Wagtail sites ``url`` is absolute; only its path is used.
    """
    parts = [part for part in PurePosixPath(urlsplit(url).path).parts if part != "/"]
    if not parts or any(part in (".", "..") or "\\" in part for part in parts):
        raise BuildError(f"Refusing unsafe article URL {url!r}.")
    return "/".join([*parts, "index.html"])


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


def build(endpoint, out, full=False, log=print):
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE_FILE
    state = {"since": None, "articles": {}}
    if state_path.exists():
        state = json.loads(state_path.read_text(encoding="utf-8"))
    # A full snapshot also deletes the pages of articles no longer in it.
    since = None if full or state.get("endpoint") != endpoint else state["since"]
    articles = state["articles"]  # id → {"file", "title", "summary", "disclaimer"}
    log(f"{'incremental since ' + since if since else 'full build'} from {endpoint}")

    try:
        changed, removed, next_since = fetch_changes(endpoint, since)
    except BuildError as error:
        if "SYNC_SINCE_TOO_OLD" not in error.codes:
            raise
        log("the last sync is older than the server keeps removals: full build")
        since = None
        changed, removed, next_since = fetch_changes(endpoint, since)
    written, deleted = [], []

    if since is None:  # a full snapshot: whatever is not in it is gone
        current = {article["id"] for article in changed}
        removed = [{"articleId": key} for key in articles if key not in current]
    for tombstone in removed:  # removals first: an id may be removed then changed again
        entry = articles.pop(tombstone["articleId"], None)
        if entry and remove(out, entry["file"]):
            deleted.append(entry["file"])
    for article in changed:
        if not article["url"]:
            log(f"  skipped article {article['id']}: it has no URL (not under a site root)")
            continue
        relative = article_file(article["url"])
        previous = articles.get(article["id"])
        if previous and previous["file"] != relative and remove(out, previous["file"]):
            deleted.append(previous["file"])
        home_href = os.path.relpath("index.html", os.path.dirname(relative))
        if write_if_changed(out, relative, article_html(article, home_href)):
            written.append(relative)
        articles[article["id"]] = {
            "file": relative,
            "title": article["title"],
            "summary": article["summary"],
            "disclaimer": article["disclaimer"],
            "language": article.get("language") or DEFAULT_LANGUAGE,
        }

    entries = [
        {**entry, "href": entry["file"].removesuffix("index.html")} for entry in articles.values()
    ]
    if write_if_changed(out, "index.html", index_html(entries)):
        written.append("index.html")
    if write_if_changed(out, "style.css", STYLESHEET.read_text(encoding="utf-8")):
        written.append("style.css")
    state = {"endpoint": endpoint, "since": next_since, "articles": articles}
    write_if_changed(out, STATE_FILE, json.dumps(state, indent=1, sort_keys=True))

    for relative in written:
        log(f"  wrote   {relative}")
    for relative in deleted:
        log(f"  deleted {relative}")
    log(
        f"{len(changed)} changed, {len(removed)} removed: {len(written)} files written, "
        f"{len(deleted)} deleted, {len(articles)} articles on the site. Next since {next_since}."
    )
    return written, deleted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", default=os.environ.get("CMS_GRAPHQL_URL"), required=False)
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--full", action="store_true", help="Ignore the last sync.")
    args = parser.parse_args(argv)
    if not args.endpoint:
        parser.error("give --endpoint or set CMS_GRAPHQL_URL")
    try:
        build(args.endpoint, args.out, full=args.full)
    except (BuildError, urllib.error.URLError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
