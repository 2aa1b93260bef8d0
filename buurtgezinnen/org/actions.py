"""Every change to the organisation goes through one of these functions.

Keyword-only, atomic, with ``by=`` the user who acts: django-auditlog records the change with that
actor, also outside a request (commands, the demo data). Mail is sent after commit, by the worker.
"""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.db import transaction

from buurtgezinnen.org import tasks
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, User
from buurtgezinnen.org.scoping import forget_scope


def _save(obj: Any, by: User | None, fields: dict[str, Any]) -> Any:
    for name, value in fields.items():
        setattr(obj, name, value)
    with set_actor(by):
        obj.full_clean()
        obj.save(update_fields=None if obj.pk is None else list(fields))
    return obj


@transaction.atomic
def save_region(*, region: Region | None = None, by: User | None, name: str) -> Region:
    return _save(region or Region(), by, {"name": name})


@transaction.atomic
def save_municipality(
    *, municipality: Municipality | None = None, by: User | None, **fields: Any
) -> Municipality:
    return _save(municipality or Municipality(), by, fields)


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
    with set_actor(by):
        user = User.objects.create_user(
            email=email, first_name=first_name, last_name=last_name, phone=phone
        )
    if invite:
        transaction.on_commit(lambda: tasks.send_invitation(user.pk))
    return user


@transaction.atomic
def update_user(*, user: User, by: User | None, **fields: Any) -> User:
    if "email" in fields:
        fields["email"] = User.objects.normalize_email(fields["email"]).lower()
    return _save(user, by, fields)


@transaction.atomic
def assign_role(
    *,
    user: User,
    by: User | None,
    role: Role | str,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> RoleAssignment:
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
    with set_actor(by):
        assignment.delete()
    forget_scope(assignment.user)
