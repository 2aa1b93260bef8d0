from django.urls import path

from buurtgezinnen.agreements import views

app_name = "agreements"
urlpatterns = [
    # The national office: the standard text and the topics.
    path("beheer/afspraken/", views.standard, name="standard"),
    path("beheer/afspraken/tekst/", views.standard_edit, name="standard_edit"),
    path("beheer/afspraken/onderwerpen/nieuw/", views.topic_form, name="topic_create"),
    path("beheer/afspraken/onderwerpen/<int:pk>/", views.topic_form, name="topic_edit"),
    # The coordinator: one match's agreement.
    path("koppelingen/<int:pk>/afspraken/", views.match_agreement, name="match"),
    path("koppelingen/<int:pk>/afspraken/versturen/", views.send, name="send"),
    path("koppelingen/<int:pk>/afspraken/nieuwe-versie/", views.new_version, name="new_version"),
    path(
        "koppelingen/<int:pk>/afspraken/handtekening/<int:signature_pk>/opnieuw/",
        views.resend,
        name="resend",
    ),
    path("koppelingen/<int:pk>/afspraken/ondertekenen/", views.coordinator_sign, name="co_sign"),
    path("koppelingen/<int:pk>/afspraken/versie/<int:version>/", views.version, name="version"),
    path("koppelingen/<int:pk>/afspraken/versie/<int:version>/pdf/", views.pdf, name="pdf"),
    # A parent, without logging in: only the token in the URL.
    path("ondertekenen/bedankt/", views.signed, name="signed"),
    path("ondertekenen/<str:token>/", views.sign, name="sign"),
]
