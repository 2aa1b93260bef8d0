"""Matching's pages, with their full paths (the project's URLconf includes them at the root):
proposals from a family's file (``views.py``) and the match's lifecycle (``match_views.py``)."""

from django.urls import path

from buurtgezinnen.matching import match_views, views

app_name = "matching"
urlpatterns = [
    # Proposals: candidates for a requesting family, proposing, the proposal, the suggestion.
    path("gezinnen/<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path("gezinnen/<int:pk>/voorstellen/<int:support_pk>/", views.propose, name="propose"),
    path("gezinnen/voorstel/<int:pk>/", views.proposal, name="proposal"),
    path("gezinnen/suggestie/", views.suggestion, name="suggestion"),
    # Matches.
    path("koppelingen/", match_views.match_list, name="list"),
    path("koppelingen/<int:pk>/", match_views.detail, name="detail"),
    path("koppelingen/<int:pk>/gesprek/", match_views.review, name="review"),
    path("koppelingen/<int:pk>/afsluiten/", match_views.close, name="close"),
]
