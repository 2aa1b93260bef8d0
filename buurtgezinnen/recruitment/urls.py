"""Recruitment's pages, with their full paths (the project's URLconf includes them at the root):
a family's recruitment profile from its file, and the public profile page."""

from django.urls import path

from buurtgezinnen.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("gezinnen/<int:pk>/profiel/", views.profile, name="profile"),
    path(
        "gezinnen/<int:pk>/profiel/bevinding-negeren/",
        views.dismiss_finding,
        name="profile_dismiss_finding",
    ),
    path(
        "gezinnen/<int:pk>/profiel/suggestie/",
        views.apply_suggestion,
        name="profile_apply_suggestion",
    ),
    path("gezinnen/<int:pk>/profiel/controle/", views.profile_check, name="profile_check"),
    path(
        "gezinnen/<int:pk>/profiel/opnieuw-controleren/",
        views.rerun_deep_check,
        name="profile_rerun_check",
    ),
    path("gezinnen/<int:pk>/profiel/delen/", views.social, name="profile_social"),
    path("gezinnen/<int:pk>/profiel/kaart.png", views.card, name="profile_card"),
    path(
        "gezinnen/<int:pk>/profiel/berichten-verwijderd/",
        views.posts_removed,
        name="profile_posts_removed",
    ),
    # The public profile page, without logging in.
    path("<slug:slug>/profiel/<str:public_id>/", views.public_profile, name="public_profile"),
]
