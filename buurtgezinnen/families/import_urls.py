"""Import of families from a spreadsheet, under /gezinnen/importeren/ in the "families" namespace.

No ``app_name``: the names are reversed through the including namespace, e.g.
``families:import_upload``.
"""

from django.urls import path

from buurtgezinnen.families import import_views

urlpatterns = [
    path("", import_views.upload, name="import_upload"),
    path("bevestigen/", import_views.confirm, name="import_confirm"),
    path("sjabloon.xlsx", import_views.template, name="import_template"),
]
