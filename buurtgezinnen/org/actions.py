"""Every change to the organisation goes through one of these functions.

Keyword-only, atomic, with ``by=`` the user who acts: django-auditlog records the change with that
actor, also outside a request (commands, the demo data). Mail is sent after commit, by the worker.

Only the national office keeps the organisation; every action refuses anyone else
(``ActionRefused``). ``by=None`` is the system itself: a management command or the demo data, never
a request. Every field an action may change is one of its parameters (decision 32); whether an
account is active and who is the safety officer are actions of their own, not fields of an edit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.core.unchanged import UNCHANGED, Unchanged, write
from buurtgezinnen.org import tasks
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, StandIn, User
from buurtgezinnen.org.scoping import forget_scope, scope_for


def require_national_office(by: User | None) -> None:
    if by is not None and not scope_for(by).is_national_office:
        raise ActionRefused(_("Only the national office keeps the organisation."))


def _save(obj: Any, by: User | None, values: dict[str, object]) -> Any:
    changed = write(obj, values)
    with set_actor(by):
        obj.full_clean()
        obj.save(update_fields=None if obj.pk is None else changed)
    return obj


def _stored(user: User, field: str) -> Any:
    """The field's value in the database, with the user's row locked: the object a view passes
    may already carry what its form posted."""
    return User.objects.select_for_update().values_list(field, flat=True).get(pk=user.pk)


@transaction.atomic
def save_region(*, region: Region | None = None, by: User | None, name: str) -> Region:
    require_national_office(by)
    return _save(region or Region(), by, {"name": name})


@transaction.atomic
def save_municipality(
    *,
    municipality: Municipality | None = None,
    by: User | None,
    cbs_code: str | Unchanged = UNCHANGED,
    name: str | Unchanged = UNCHANGED,
    slug: str | Unchanged = UNCHANGED,
    region: Region | Unchanged = UNCHANGED,
    programme_started_on: date | Unchanged | None = UNCHANGED,
    facebook_url: str | Unchanged = UNCHANGED,
    instagram_url: str | Unchanged = UNCHANGED,
) -> Municipality:
    """A new municipality, or changes to one; what is not given stays as it is."""
    require_national_office(by)
    return _save(
        municipality or Municipality(),
        by,
        {
            "cbs_code": cbs_code,
            "name": name,
            "slug": slug,
            "region": region,
            "programme_started_on": programme_started_on,
            "facebook_url": facebook_url,
            "instagram_url": instagram_url,
        },
    )


@transaction.atomic
def create_user(
    *,
    by: User | None,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    invite: bool = True,
) -> User:
    """A new colleague. Without a password: the invitation mail lets them choose one."""
    require_national_office(by)
    with set_actor(by):
        user = User.objects.create_user(
            email=email, first_name=first_name, last_name=last_name, phone=phone
        )
    if invite:
        transaction.on_commit(lambda: tasks.send_invitation(user.pk))
    return user


@transaction.atomic
def update_user(
    *,
    user: User,
    by: User | None,
    first_name: str | Unchanged = UNCHANGED,
    last_name: str | Unchanged = UNCHANGED,
    email: str | Unchanged = UNCHANGED,
    phone: str | Unchanged = UNCHANGED,
) -> User:
    """A colleague's name and contact details (the e-mail address is also the login)."""
    require_national_office(by)
    if not isinstance(email, Unchanged):
        email = User.objects.normalize_email(email).lower()
    return _save(
        user,
        by,
        {"first_name": first_name, "last_name": last_name, "email": email, "phone": phone},
    )


@transaction.atomic
def set_user_active(*, user: User, by: User | None, active: bool) -> User:
    """Lets a colleague log in, or stops that (an inactive account has no scope at all)."""
    require_national_office(by)
    if _stored(user, "is_active") == active:
        return user
    if not active and by is not None and by.pk == user.pk:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    _save(user, by, {"is_active": active})
    forget_scope(user)
    return user


@transaction.atomic
def set_safety_officer(*, user: User, by: User | None, designated: bool) -> User:
    """Designates a colleague of the national office as the safety officer (reads every
    concern), or takes that away."""
    require_national_office(by)
    if _stored(user, "is_safety_officer") == designated:
        return user
    if designated and not user.role_assignments.filter(role=Role.NATIONAL_OFFICE).exists():
        raise ValidationError(
            {
                "is_safety_officer": _(
                    "Only a colleague of the national office can be the safety officer."
                )
            }
        )
    _save(user, by, {"is_safety_officer": designated})
    forget_scope(user)
    return user


@transaction.atomic
def assign_role(
    *,
    user: User,
    by: User | None,
    role: Role | str,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> RoleAssignment:
    require_national_office(by)
    assignment = RoleAssignment(
        user=user, role=role, municipality=municipality, region=region, created_by=by
    )
    with set_actor(by):
        assignment.full_clean()
        assignment.save()
    forget_scope(user)
    return assignment


@transaction.atomic
def remove_role(*, assignment: RoleAssignment, by: User | None) -> None:
    require_national_office(by)
    with set_actor(by):
        assignment.delete()
    forget_scope(assignment.user)


# Stand-ins (waarnemers) for an absent coordinator.


def _coordinator_regions(coordinator_id: int) -> set[int]:
    """The regions of the municipalities where the user holds the coordinator role."""
    return set(
        RoleAssignment.objects.filter(user_id=coordinator_id, role=Role.COORDINATOR).values_list(
            "municipality__region_id", flat=True
        )
    )


def may_arrange_stand_in(by: User | None, regions: set[int]) -> bool:
    """The national office, or a regional coordinator of one of the coordinator's regions."""
    if by is None:
        return True
    scope = scope_for(by)
    return scope.is_national_office or bool(scope.region_ids & regions)


def _may_stand_in(user: User, regions: set[int]) -> bool:
    """A regional coordinator of one of the coordinator's regions, or the national office."""
    return (
        user.is_active
        and RoleAssignment.objects.filter(user=user)
        .filter(
            Q(role=Role.NATIONAL_OFFICE) | Q(role=Role.REGIONAL_COORDINATOR, region_id__in=regions)
        )
        .exists()
    )


@transaction.atomic
def assign_stand_in(
    *,
    coordinator: User,
    stand_in: User,
    starts_on: date,
    ends_on: date,
    reason: str,
    by: User | None,
    today: date | None = None,
) -> StandIn:
    """``stand_in`` sees and works ``coordinator``'s families and concerns from ``starts_on`` up to
    and including ``ends_on`` (at most ``policy.STAND_IN_MAX_DAYS``). Made by the national office
    or by a regional coordinator of the coordinator's region, who can make only themselves
    stand-in; the stand-in is such a regional coordinator or someone of the national office."""
    today = today or timezone.localdate()
    # One at a time per coordinator, so two overlapping stand-ins cannot both pass the check.
    User.objects.select_for_update().filter(pk=coordinator.pk).first()
    regions = _coordinator_regions(coordinator.pk)
    if not may_arrange_stand_in(by, regions):
        raise ActionRefused(_("You may not arrange a stand-in for this coordinator."))
    if by is not None and not scope_for(by).is_national_office and stand_in.pk != by.pk:
        raise ActionRefused(_("A regional coordinator can only make themselves stand-in."))
    errors: dict[str, str] = {}
    if not regions:
        errors["coordinator"] = _("Choose a coordinator of a municipality.")
    elif stand_in.pk == coordinator.pk or not _may_stand_in(stand_in, regions):
        errors["stand_in"] = _(
            "The stand-in is a regional coordinator of the coordinator's region "
            "or works at the national office."
        )
    if starts_on < today:
        errors["starts_on"] = _("A stand-in cannot start in the past.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    elif (ends_on - starts_on).days + 1 > policy.STAND_IN_MAX_DAYS:
        errors["ends_on"] = _(
            "A stand-in runs at most %(days)s days; after that, arrange it again."
        ) % {"days": policy.STAND_IN_MAX_DAYS}
    if not reason or not reason.strip():
        errors["reason"] = _("Say why, in general terms.")
    if not errors and (
        StandIn.objects.filter(
            coordinator=coordinator,
            stand_in=stand_in,
            ended_at__isnull=True,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
        ).exists()
    ):
        errors["starts_on"] = _("This person already stands in for this coordinator then.")
    if errors:
        raise ValidationError(errors)
    with set_actor(by):
        arrangement = StandIn.objects.create(
            coordinator=coordinator,
            stand_in=stand_in,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason.strip(),
            created_by=by,
        )
    forget_scope(stand_in)
    return arrangement


@transaction.atomic
def end_stand_in(*, stand_in: StandIn, by: User | None, today: date | None = None) -> StandIn:
    """Ends a running stand-in now, or cancels a planned one: by whoever may arrange it, or by
    the stand-in. (It also ends by itself after ``ends_on``: org.scoping checks the date.)"""
    today = today or timezone.localdate()
    arrangement = StandIn.objects.select_for_update().get(pk=stand_in.pk)
    if (
        by is not None
        and by.pk != arrangement.stand_in_id
        and not may_arrange_stand_in(by, _coordinator_regions(arrangement.coordinator_id))
    ):
        raise ActionRefused(_("You may not end this stand-in."))
    if arrangement.ended_at is not None or arrangement.ends_on < today:
        raise ValidationError(_("This stand-in has ended already."))
    arrangement.ended_at = timezone.now()
    arrangement.ended_by = by
    with set_actor(by):
        arrangement.save(update_fields=["ended_at", "ended_by"])
    if by is not None and by.pk == arrangement.stand_in_id:
        forget_scope(by)
    return arrangement
