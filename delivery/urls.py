"""The API's routes, included by the project's URLconf."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from grapple.settings import grapple_settings

from .views import CMSGraphQLView

urlpatterns = [
    # The URL name is the one GraphiQL reverses.
    path("graphql/", csrf_exempt(CMSGraphQLView.as_view()), name="grapple_graphql"),
]

if grapple_settings.EXPOSE_GRAPHIQL:
    from grapple.urls import graphiql

    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))
