"""The project's URLs, plus the REST API v2 and a bare view, for the benchmark only."""

from django.http import JsonResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as cms_urlpatterns

from .api import expose_articles


def bare(request):
    """The ceiling: the same middleware stack, no work."""
    return JsonResponse({})


expose_articles()
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("bench/bare/", bare),
    path("api/v2/", api_router.urls),
    *cms_urlpatterns,
]
