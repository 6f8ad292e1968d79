"""The API's routes, included by the project's URLconf.

``/graphql`` and ``/graphql/`` are both served, with no redirect: Apollo's documentation
uses the first, and a redirected POST (``APPEND_SLASH`` or a 301 in production) arrives as
a GET without its body.
"""

from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .views import CMSGraphQLView

graphql_view = csrf_exempt(CMSGraphQLView.as_view())

urlpatterns = [
    # The URL name is the one GraphiQL reverses.
    path("graphql/", graphql_view, name="grapple_graphql"),
    path("graphql", graphql_view),
]

if settings.GRAPPLE.get("EXPOSE_GRAPHIQL"):
    from grapple.urls import graphiql

    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
