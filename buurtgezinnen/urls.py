"""The project's URLconf: each app mounts its own pages in its own ``urls.py``, in its own
namespace (the app's label); this file only includes them.

An app whose pages all live under one prefix is included under it; an app with pages in more than
one place writes the full paths and is included at the root.
"""

from django.urls import include, path
from django.views.i18n import set_language

from buurtgezinnen.core import views as core_views

urlpatterns = [
    path("", include("buurtgezinnen.core.urls")),
    path("account/", include("buurtgezinnen.accounts_urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", include("buurtgezinnen.org.urls")),
    path("beheer/audit/", include("buurtgezinnen.audit.urls")),
    path("gezinnen/", include("buurtgezinnen.families.urls")),
    path("", include("buurtgezinnen.recruitment.urls")),
    path("", include("buurtgezinnen.matching.urls")),
    path("", include("buurtgezinnen.agenda.urls")),
    path("", include("buurtgezinnen.concerns.urls")),
    path("", include("buurtgezinnen.agreements.urls")),
    # Last: public's own patterns end with a municipality's page at the root (/<slug>/;
    # org.models.RESERVED_SLUGS keeps the other apps' first path segments clear of it).
    path("", include("buurtgezinnen.public.urls")),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
