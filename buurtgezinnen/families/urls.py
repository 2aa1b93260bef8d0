from django.urls import include, path

from buurtgezinnen.families import views

app_name = "families"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/", views.detail, name="detail"),
    path("importeren/", include("buurtgezinnen.families.import_urls")),
]
