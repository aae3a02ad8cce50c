from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views

handler400 = views.bad_request
handler500 = views.server_error

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("ivanovo_portal.accounts.urls")),
    path("documents/", include("ivanovo_portal.documents.urls")),
    path("recommendations/", include("ivanovo_portal.recommendations.urls")),
    path("indicators/", include("ivanovo_portal.indicators.urls")),
    path("accessibility/", include("ivanovo_portal.accessibility.urls")),
    path("events/", include("ivanovo_portal.meetings.urls")),
    path("privacy/", include("ivanovo_portal.accounts.privacy_urls")),
    path("surveys/", include("surveys.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("consultations/", include("consultations.urls")),
    path("", include("campaign.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
