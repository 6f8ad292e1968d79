from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.graphql.views import CMSGraphQLView

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "graphql/", csrf_exempt(CMSGraphQLView.as_view()), name="grapple_graphql"
    ),  # the name GraphiQL reverses
]

if settings.GRAPPLE.get("EXPOSE_GRAPHIQL"):
    from grapple.urls import graphiql

    urlpatterns.append(path("graphiql/", graphiql, name="grapple_graphiql"))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
