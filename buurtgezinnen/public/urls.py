"""The public pages, with their full paths (the project's URLconf includes them at the root, last).

The application forms live under /aanmelden/; a municipality's own page at the root (/<slug>/),
the last pattern of the project, so that every other app's paths come first.
"""

from django.urls import path

from buurtgezinnen.public import views

app_name = "public"

urlpatterns = [
    path("aanmelden/vraaggezin/", views.apply_request, name="apply_request"),
    path("aanmelden/steungezin/", views.apply_support, name="apply_support"),
    path("aanmelden/bedankt/", views.thanks, name="thanks"),
    path("aanmelden/interesse/", views.interest, name="interest"),
    path("aanmelden/interesse/bedankt/", views.interest_thanks, name="interest_thanks"),
    path("<slug:slug>/", views.municipality_page, name="municipality_page"),
]
