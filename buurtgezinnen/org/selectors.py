"""Reads of the organisation: one municipality or stand-in for a user (scoped, 404 outside)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from buurtgezinnen.org.models import Municipality, StandIn, User
from buurtgezinnen.org.scoping import get_in_scope_or_404


def get_municipality_for_user(user: User, pk: int) -> Municipality:
    """The municipality, if it is in the user's organisation scope (else 404)."""
    return get_in_scope_or_404(Municipality.objects.select_related("region"), user, pk=pk)


def get_stand_in_for_user(user: User, pk: int) -> StandIn:
    """The stand-in, if the user may see it (``StandInQuerySet.for_user``; else 404)."""
    return get_object_or_404(StandIn.objects.for_user(user), pk=pk)
