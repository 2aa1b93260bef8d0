from django.urls import path

from buurtgezinnen.matching import match_views as views

app_name = "matches"
urlpatterns = [
    path("", views.match_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gesprek/", views.review, name="review"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
]
