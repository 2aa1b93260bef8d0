"""The public application forms, under /aanmelden/.

A municipality's own page lives at the root (/<slug>/): see ``views.municipality_page``, which
the project's URLconf mounts as its last pattern.
"""

from django.urls import path

from buurtgezinnen.public import views

app_name = "public"

urlpatterns = [
    path("vraaggezin/", views.apply_request, name="apply_request"),
    path("steungezin/", views.apply_support, name="apply_support"),
    path("bedankt/", views.thanks, name="thanks"),
    path("interesse/", views.interest, name="interest"),
    path("interesse/bedankt/", views.interest_thanks, name="interest_thanks"),
]
