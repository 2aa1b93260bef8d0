from django.urls import include, path

from buurtgezinnen.families import views

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
    path("<int:pk>/competenties/", views.assessments, name="assessments"),
    path("<int:pk>/aanbod/", views.offer, name="offer"),
    path("<int:pk>/vog/<int:person_pk>/", views.vog, name="vog"),
    path("sociale-kaart/", views.directory, name="directory"),
    path("sociale-kaart/nieuw/", views.directory_form, name="directory_create"),
    path("sociale-kaart/<int:pk>/wijzigen/", views.directory_form, name="directory_edit"),
    path("competentieprofiel/", views.criteria, name="criteria"),
    path("competentieprofiel/nieuw/", views.criterion_form, name="criterion_create"),
    path("competentieprofiel/<int:pk>/wijzigen/", views.criterion_form, name="criterion_edit"),
    path("importeren/", include("buurtgezinnen.families.import_urls")),
]
