"""The agenda's pages, with their full paths (the project's URLconf includes them at the root)."""

from django.urls import path

from buurtgezinnen.agenda import views

app_name = "agenda"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("agenda/kalender/", views.calendar_link, name="calendar"),
    path("agenda/kalender/nieuw/", views.calendar_link_new, name="calendar_new"),
    path("agenda/kalender/intrekken/", views.calendar_link_revoke, name="calendar_revoke"),
    # The private feed, without logging in: only the token in the URL.
    path("kalender/<str:token>.ics", views.feed, name="calendar_feed"),
]
