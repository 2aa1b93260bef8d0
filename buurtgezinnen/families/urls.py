from django.urls import include, path

from buurtgezinnen.families import views
from buurtgezinnen.matching import views as matching_views
from buurtgezinnen.recruitment import views as recruitment_views

app_name = "families"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("nieuw/", views.application_create, name="application_create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.family_edit, name="edit"),
    path("<int:pk>/ouder/nieuw/", views.person_form, name="person_create"),
    path("<int:pk>/ouder/<int:person_pk>/", views.person_form, name="person_edit"),
    path("<int:pk>/kind/nieuw/", views.child_form, name="child_create"),
    path("<int:pk>/kind/<int:child_pk>/", views.child_form, name="child_edit"),
    path("<int:pk>/gesprek/<int:number>/", views.conversation, name="conversation"),
    path("<int:pk>/besluit/", views.decision, name="decision"),
    path("<int:pk>/profiel/", recruitment_views.profile, name="profile"),
    path(
        "<int:pk>/profiel/bevinding-negeren/",
        recruitment_views.dismiss_finding,
        name="profile_dismiss_finding",
    ),
    path(
        "<int:pk>/profiel/suggestie/",
        recruitment_views.apply_suggestion,
        name="profile_apply_suggestion",
    ),
    path("<int:pk>/profiel/controle/", recruitment_views.profile_check, name="profile_check"),
    path(
        "<int:pk>/profiel/opnieuw-controleren/",
        recruitment_views.rerun_deep_check,
        name="profile_rerun_check",
    ),
    path("<int:pk>/profiel/delen/", recruitment_views.social, name="profile_social"),
    path("<int:pk>/profiel/kaart.png", recruitment_views.card, name="profile_card"),
    path(
        "<int:pk>/profiel/berichten-verwijderd/",
        recruitment_views.posts_removed,
        name="profile_posts_removed",
    ),
    path("<int:pk>/competenties/", views.assessments, name="assessments"),
    path("<int:pk>/aanbod/", views.offer, name="offer"),
    path("<int:pk>/vog/<int:person_pk>/", views.vog, name="vog"),
    path("<int:pk>/kandidaten/", matching_views.candidates, name="candidates"),
    path("<int:pk>/voorstellen/<int:support_pk>/", matching_views.propose, name="propose"),
    path("voorstel/<int:pk>/", matching_views.proposal, name="proposal"),
    path("suggestie/", matching_views.suggestion, name="suggestion"),
    path("sociale-kaart/", views.directory, name="directory"),
    path("sociale-kaart/nieuw/", views.directory_form, name="directory_create"),
    path("sociale-kaart/<int:pk>/wijzigen/", views.directory_form, name="directory_edit"),
    path("competentieprofiel/", views.criteria, name="criteria"),
    path("competentieprofiel/nieuw/", views.criterion_form, name="criterion_create"),
    path("competentieprofiel/<int:pk>/wijzigen/", views.criterion_form, name="criterion_edit"),
    path("importeren/", include("buurtgezinnen.families.import_urls")),
]
