from django.urls import include, path
from django.views.i18n import set_language

from buurtgezinnen.agenda import views as agenda_views
from buurtgezinnen.concerns import views as concerns_views
from buurtgezinnen.core import views as core_views
from buurtgezinnen.public import views as public_views
from buurtgezinnen.recruitment import views as recruitment_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("start/", core_views.start, name="start"),
    path("account/", include("buurtgezinnen.accounts_urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", include("buurtgezinnen.org.urls")),
    path("beheer/audit/", include("buurtgezinnen.audit.urls")),
    path("gezinnen/", include("buurtgezinnen.families.urls")),
    path("aanmelden/", include("buurtgezinnen.public.urls")),
    path("koppelingen/", include("buurtgezinnen.matching.urls")),
    path("agenda/", include("buurtgezinnen.agenda.urls")),
    path("kalender/<str:token>.ics", agenda_views.feed, name="calendar_feed"),
    path("zorgen/", include("buurtgezinnen.concerns.urls")),
    path("melden/<str:token>/", concerns_views.report, name="concern_report"),
    path("", include("buurtgezinnen.agreements.urls")),
    path(
        "<slug:slug>/profiel/<str:public_id>/",
        recruitment_views.public_profile,
        name="public_profile",
    ),
    # Last: a municipality's public page at the root (org.models.RESERVED_SLUGS keeps it clear).
    path("<slug:slug>/", public_views.municipality_page, name="municipality_page"),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
