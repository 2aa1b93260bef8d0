from django.urls import include, path
from django.views.i18n import set_language

from buurtgezinnen.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("start/", core_views.start, name="start"),
    path("account/", include("buurtgezinnen.accounts_urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", include("buurtgezinnen.org.urls")),
    path("beheer/audit/", include("buurtgezinnen.audit.urls")),
    path("gezinnen/", include("buurtgezinnen.families.urls")),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
