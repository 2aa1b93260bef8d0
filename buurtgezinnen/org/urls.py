from django.urls import path

from buurtgezinnen.org import views

app_name = "org"
urlpatterns = [
    path("regios/", views.region_list, name="region_list"),
    path("regios/nieuw/", views.region_form, name="region_create"),
    path("regios/<int:pk>/wijzigen/", views.region_form, name="region_edit"),
    path("gemeenten/", views.municipality_list, name="municipality_list"),
    path("gemeenten/nieuw/", views.municipality_form, name="municipality_create"),
    path("gemeenten/<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("gemeenten/<int:pk>/wijzigen/", views.municipality_form, name="municipality_edit"),
    path("mensen/", views.user_list, name="user_list"),
    path("mensen/nieuw/", views.user_create, name="user_create"),
    path("mensen/<int:pk>/", views.user_detail, name="user_detail"),
    path("mensen/<int:pk>/wijzigen/", views.user_edit, name="user_edit"),
    path("mensen/<int:pk>/rollen/", views.assignment_add, name="assignment_add"),
    path("rollen/<int:pk>/verwijderen/", views.assignment_remove, name="assignment_remove"),
    path("waarnemers/", views.stand_in_list, name="stand_in_list"),
    path("waarnemers/nieuw/", views.stand_in_create, name="stand_in_create"),
    path("waarnemers/<int:pk>/beeindigen/", views.stand_in_end, name="stand_in_end"),
]
