"""The API's routes, included by the project's URLconf."""

from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .views import CMSGraphQLView

urlpatterns = [
    # The URL name is the one GraphiQL reverses.
    path("graphql/", csrf_exempt(CMSGraphQLView.as_view()), name="grapple_graphql"),
]

if settings.GRAPPLE.get("EXPOSE_GRAPHIQL"):
    from grapple.urls import graphiql

    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
