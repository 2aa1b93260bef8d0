from django.urls import path

from buurtgezinnen.audit import views

app_name = "audit"
urlpatterns = [
    path("wijzigingen/", views.change_log, name="change_log"),
    path("inzage/", views.access_log, name="access_log"),
]
