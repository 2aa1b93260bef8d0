from django.urls import path

from buurtgezinnen.agenda import views

app_name = "agenda"

urlpatterns = [
    path("kalender/", views.calendar_link, name="calendar"),
    path("kalender/nieuw/", views.calendar_link_new, name="calendar_new"),
    path("kalender/intrekken/", views.calendar_link_revoke, name="calendar_revoke"),
]
