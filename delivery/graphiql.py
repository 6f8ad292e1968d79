"""GraphiQL at ``/graphiql/``, from pinned assets served locally (no CDN, works offline).

Grapple's GraphiQL page loads React and GraphiQL from a CDN: offline it is a blank page.
This one uses the builds ``npm ci`` installs in ``delivery/graphiql`` (``make run`` does),
mapped under ``/static/graphiql/`` by ``GRAPHIQL_STATICFILES_DIRS``. Shown only while
``GRAPPLE["EXPOSE_GRAPHIQL"]`` is on (development settings; ``GRAPHIQL=true`` in
production); otherwise 404.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

ASSETS = (
    "graphiql/react/react.production.min.js",
    "graphiql/react-dom/react-dom.production.min.js",
    "graphiql/graphiql/graphiql.min.js",
    "graphiql/graphiql/graphiql.min.css",
)

DEFAULT_QUERY = """# The published article, as an app asks for it: press Run (Ctrl-Enter).
{
  article(slug: "immunotherapy-for-multiple-myeloma") {
    id
    title
    summary
    disclaimer { id title body }
  }
}
"""


def graphiql(request):
    if not settings.GRAPPLE.get("EXPOSE_GRAPHIQL"):
        raise Http404("GraphiQL is not enabled.")
    missing = [asset for asset in ASSETS if finders.find(asset) is None]
    context = {
        "endpoint": reverse("grapple_graphql"),
        "missing": missing,
        "default_query": DEFAULT_QUERY,
    }
    return render(request, "delivery/graphiql.html", context, status=503 if missing else 200)
