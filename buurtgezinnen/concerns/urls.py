"""Concerns' pages, with their full paths (the project's URLconf includes them at the root)."""

from django.urls import path

from buurtgezinnen.concerns import views

app_name = "concerns"
urlpatterns = [
    path("zorgen/", views.safety_list, name="safety_list"),
    path("zorgen/gezin/<int:pk>/", views.family_concerns, name="family"),
    path("zorgen/gezin/<int:pk>/meldlink/", views.link_send, name="link_send"),
    path("zorgen/meldlink/<int:pk>/intrekken/", views.link_revoke, name="link_revoke"),
    path("zorgen/<int:pk>/", views.detail, name="detail"),
    path("zorgen/<int:pk>/stap/", views.record_step, name="step"),
    path("zorgen/<int:pk>/acuut/", views.report_acute, name="acute"),
    path("zorgen/<int:pk>/meldcode/", views.escalate, name="escalate"),
    path("zorgen/<int:pk>/afsluiten/", views.close, name="close"),
    path("zorgen/gezin/<int:pk>/doorverwijzing/", views.referral_create, name="referral_create"),
    path("zorgen/doorverwijzing/<int:pk>/", views.referral, name="referral"),
    # A support parent, without logging in: only the token in the URL.
    path("melden/<str:token>/", views.report, name="report"),
]
