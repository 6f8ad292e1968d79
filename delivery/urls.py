"""The API's routes, included by the project's URLconf.

``/graphql`` and ``/graphql/`` are both served, with no redirect: Apollo's documentation
uses the first, and a redirected POST (``APPEND_SLASH`` or a 301 in production) arrives as
a GET without its body.
"""

from csp.decorators import csp, csp_exempt
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .graphiql import graphiql
from .settings import delivery_settings
from .views import CMSGraphQLView

# JSON for apps: a policy that allows nothing (nothing in a response is ever run).
graphql_view = csp(delivery_settings.GRAPHQL_CONTENT_SECURITY_POLICY)(
    csrf_exempt(CMSGraphQLView.as_view())
)

urlpatterns = [
    # The URL name is the one GraphiQL reverses.
    path("graphql/", graphql_view, name="grapple_graphql"),
    path("graphql", graphql_view),
    # 404 unless GRAPPLE["EXPOSE_GRAPHIQL"] (read per request, see delivery.graphiql).
    # GraphiQL (dev, or opt-in) runs inline scripts: no policy on it.
    path("graphiql/", csp_exempt()(graphiql), name="grapple_graphiql"),
]
