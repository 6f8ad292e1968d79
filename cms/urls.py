from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.health import healthz

# Wagtail 8's admin still writes inline scripts (date widgets, inline panels, the page
# explorer), so its pages, and only they, add 'unsafe-inline' to the site's script-src.
# Third-party scripts, plugins, framing by other sites and foreign form targets stay refused
# (tests/test_content_security_policy.py walks the admin in Chromium).
decorate_urlpatterns(
    wagtailadmin_urls.urlpatterns, csp_update({"script-src": settings.ADMIN_CSP_SCRIPT_SRC})
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("delivery.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
