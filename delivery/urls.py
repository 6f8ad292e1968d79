"""The API's routes, included by the project's URLconf."""

from csp.decorators import csp, csp_exempt
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from grapple.settings import grapple_settings

from .settings import delivery_settings
from .views import CMSGraphQLView

# JSON for apps: a policy that allows nothing (nothing in a response is ever run).
graphql_view = csp(delivery_settings.GRAPHQL_CONTENT_SECURITY_POLICY)(
    csrf_exempt(CMSGraphQLView.as_view())
)

urlpatterns = [
    # The URL name is the one GraphiQL reverses.
    path("graphql/", graphql_view, name="grapple_graphql"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    from grapple.urls import graphiql

    # GraphiQL (dev, or opt-in) loads its scripts from a CDN and runs inline ones.
    urlpatterns.append(path("graphiql/", csp_exempt()(graphiql), name="grapple_graphiql"))
