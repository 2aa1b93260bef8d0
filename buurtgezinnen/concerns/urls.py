from django.urls import path

from buurtgezinnen.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.safety_list, name="safety_list"),
    path("gezin/<int:pk>/", views.family_concerns, name="family"),
    path("gezin/<int:pk>/meldlink/", views.link_send, name="link_send"),
    path("meldlink/<int:pk>/intrekken/", views.link_revoke, name="link_revoke"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/stap/", views.record_step, name="step"),
    path("<int:pk>/acuut/", views.report_acute, name="acute"),
    path("<int:pk>/meldcode/", views.escalate, name="escalate"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("gezin/<int:pk>/doorverwijzing/", views.referral_create, name="referral_create"),
    path("doorverwijzing/<int:pk>/", views.referral, name="referral"),
]
