"""Actions decide what may change (decision 32).

* No action takes a bag of fields: every public function of ``buurtgezinnen/*/actions.py`` names
  its parameters, so a field that is not a parameter is a ``TypeError`` at the call.
* No edit action has a parameter for a status, a decision, the waiting time, consent or an
  authority (roles, the safety officer, an account being active): those move only through their
  transitions and their own actions.
* A refused action raises ``ActionRefused``; a view answers it with the Dutch reason (a 403 page,
  or a message next to the form), never a 500 and never a stack trace.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import pkgutil
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import buurtgezinnen
from buurtgezinnen.agreements import actions as agreement_actions
from buurtgezinnen.agreements.models import Topic
from buurtgezinnen.concerns import actions as concern_actions
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families import actions as family_actions
from buurtgezinnen.families.models import (
    CompetenceCriterion,
    Family,
    FamilyEvent,
    Kind,
    Person,
    ServiceOrganisation,
    Status,
)
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import Municipality, Role, RoleAssignment, User
from buurtgezinnen.org.scoping import EMPTY_SCOPE
from tests.conftest import World, make_user
from tests.families.factories import make_family

# --- (b) no action takes **kwargs ----------------------------------------------------------------


def _action_modules() -> list[Any]:
    names = sorted(
        f"buurtgezinnen.{info.name}.actions"
        for info in pkgutil.iter_modules(buurtgezinnen.__path__)
        if info.ispkg and importlib.util.find_spec(f"buurtgezinnen.{info.name}.actions")
    )
    return [importlib.import_module(name) for name in names]


def _public_functions() -> list[Any]:
    params = []
    for module in _action_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            params.append(pytest.param(function, id=f"{module.__name__}.{name}"))
    return params


def test_every_app_with_actions_is_inspected() -> None:
    found = {module.__name__.split(".")[1] for module in _action_modules()}
    assert {"families", "org", "agreements", "concerns", "matching", "recruitment"} <= found


@pytest.mark.parametrize("function", _public_functions())
def test_no_action_takes_a_bag_of_fields(function: Callable[..., Any]) -> None:
    bags = [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.VAR_KEYWORD
    ]
    assert not bags, f"{function.__qualname__} takes **{bags[0]}: name its parameters"


# --- (a) no edit action can move a status or grant an authority ----------------------------------

# Fields that only their own transition or action may change.
WORKFLOW_AND_AUTHORITY = (
    "status",
    "waiting_since",
    "decided_at",
    "decided_by",
    "decision_reason",
    "referred_to",
    "consent_at",
    "approved_at",
    "approved_by",
    "is_safety_officer",
    "role",
    "is_staff",
    "is_superuser",
    "is_demo",
    "password",
    "recorded_by",
    "checked_by",
    "checked_on",
    "created_by",
)

EDIT_ACTIONS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    # name: (action, its own extra fields that it must not take)
    "update_family": (
        family_actions.update_family,
        ("kind", "municipality", "source", "applied_on", "pc4", "latitude", "longitude"),
    ),
    "record_conversation": (family_actions.record_conversation, ("family_id",)),
    "save_offer": (family_actions.save_offer, ("family_id",)),
    "save_service_organisation": (family_actions.save_service_organisation, ()),
    "save_criterion": (family_actions.save_criterion, ()),
    "save_person": (family_actions.save_person, ("family_id",)),
    "save_child": (family_actions.save_child, ("family_id",)),
    "save_municipality": (org_actions.save_municipality, ()),
    "update_user": (org_actions.update_user, ("is_active", "date_joined", "last_login")),
    "save_topic": (agreement_actions.save_topic, ()),
    "record_step": (concern_actions.record_step, ("kind", "at", "escalated_at", "closed_at")),
    "record_review": (matching_actions.record_review, ("held_by", "running_since")),
}


@pytest.mark.parametrize("name", list(EDIT_ACTIONS))
def test_an_edit_action_has_no_parameter_for_workflow_or_authority(name: str) -> None:
    action, extra = EDIT_ACTIONS[name]
    signature = inspect.signature(action)
    accepted = []
    for field in (*WORKFLOW_AND_AUTHORITY, *extra):
        try:
            signature.bind_partial(**{field: "matched"})
        except TypeError:
            continue  # not a parameter: a TypeError at the call
        accepted.append(field)
    assert not accepted, f"{name} accepts {accepted}"


def _forms() -> list[Any]:
    from buurtgezinnen.agreements import forms as agreement_forms
    from buurtgezinnen.families import forms as family_forms
    from buurtgezinnen.org import forms as org_forms

    own_actions = {"is_active": "set_user_active", "is_safety_officer": "set_safety_officer"}
    return [
        (family_forms.FamilyForm, family_actions.update_family, {}),
        (family_forms.PersonForm, family_actions.save_person, {}),
        (family_forms.ChildForm, family_actions.save_child, {}),
        (family_forms.ConversationForm, family_actions.record_conversation, {}),
        (family_forms.OfferForm, family_actions.save_offer, {}),
        (family_forms.ServiceOrganisationForm, family_actions.save_service_organisation, {}),
        (family_forms.CompetenceCriterionForm, family_actions.save_criterion, {}),
        (agreement_forms.TopicForm, agreement_actions.save_topic, {}),
        (org_forms.MunicipalityForm, org_actions.save_municipality, {}),
        (org_forms.UserForm, org_actions.update_user, own_actions),
    ]


@pytest.mark.parametrize(
    ("form", "action", "elsewhere"), [pytest.param(*f, id=f[0].__name__) for f in _forms()]
)
def test_every_field_of_an_edit_form_is_a_parameter_of_its_action(
    form: Any, action: Callable[..., Any], elsewhere: dict[str, str]
) -> None:
    parameters = set(inspect.signature(action).parameters)
    missing = set(form.Meta.fields) - parameters - set(elsewhere)
    assert not missing, f"{form.__name__} has fields {action.__name__} does not take: {missing}"
    for other in elsewhere.values():  # the authority fields have an action of their own
        assert callable(getattr(org_actions, other))


def test_update_family_cannot_move_a_new_family_to_matched(world: World) -> None:
    """The defect: ``update_family(..., status="matched")`` skipped the workflow table."""
    family = make_family(world.utrecht)
    coordinator = world.users["coordinator_utrecht"]
    with pytest.raises(TypeError):
        family_actions.update_family(family=family, by=coordinator, status=Status.MATCHED)
    with pytest.raises(TypeError):
        family_actions.update_family(
            family=family, by=coordinator, waiting_since=timezone.localdate()
        )
    family.refresh_from_db()
    assert (family.status, family.waiting_since) == (Status.NEW, None)
    assert not FamilyEvent.objects.filter(family=family, status_after=Status.MATCHED).exists()


def test_an_application_carries_named_household_facts_and_no_status() -> None:
    """``submit_application`` splatted ``application.facts`` (any mapping) into the Family."""
    facts_type = family_actions.HouseholdFacts
    with pytest.raises(TypeError):
        facts_type(status=Status.MATCHED)  # type: ignore[call-arg]
    for cls in (family_actions.Application, facts_type):
        for field in dataclasses.fields(cls):
            assert field.name not in WORKFLOW_AND_AUTHORITY
            assert "Mapping" not in str(field.type) and "dict" not in str(field.type), field.name


def test_the_family_edit_page_moves_no_status(world: World, as_actor) -> None:
    family = make_family(world.utrecht, name="Jansen")
    response = as_actor("coordinator_utrecht").post(
        reverse("families:edit", args=[family.pk]),
        {
            "name": "Jansen-de Boer",
            "postcode": "3511 AB",
            "status": Status.MATCHED,
            "waiting_since": "2020-01-01",
        },
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.name == "Jansen-de Boer"
    assert (family.status, family.waiting_since) == (Status.NEW, None)


def test_what_an_edit_is_not_given_stays_as_it_is(world: World) -> None:
    family = make_family(world.utrecht, name="Jansen")
    before = Family.objects.get(pk=family.pk)
    family_actions.update_family(
        family=family, by=world.users["coordinator_utrecht"], place="Utrecht-Noord"
    )
    family.refresh_from_db()
    assert family.place == "Utrecht-Noord"
    assert (family.name, family.postcode, family.street) == (
        before.name,
        before.postcode,
        before.street,
    )
    # Planning a conversation leaves what was already written down.
    coordinator = world.users["coordinator_utrecht"]
    family_actions.record_conversation(
        family=family, by=coordinator, number=1, goes_well="De kinderen gaan graag naar school."
    )
    planned_at = timezone.now() + timedelta(days=2)
    conversation = family_actions.plan_conversation(
        family=family, by=coordinator, number=1, planned_at=planned_at
    )
    assert conversation.goes_well == "De kinderen gaan graag naar school."


def test_the_safety_officer_and_an_active_account_are_actions_of_their_own(
    world: World,
) -> None:
    office = world.users["national_office"]
    colleague = make_user("collega_landelijk")
    org_actions.assign_role(user=colleague, by=office, role=Role.NATIONAL_OFFICE)
    org_actions.set_safety_officer(user=colleague, by=office, designated=True)
    org_actions.set_user_active(user=colleague, by=office, active=False)
    colleague.refresh_from_db()
    assert colleague.is_safety_officer and not colleague.is_active
    with pytest.raises(ValidationError):  # not a colleague of the national office
        org_actions.set_safety_officer(
            user=world.users["coordinator_utrecht"], by=office, designated=True
        )
    with pytest.raises(ValidationError):  # nobody locks themselves out
        org_actions.set_user_active(user=office, by=office, active=False)


# --- (c) a refused action raises ActionRefused ---------------------------------------------------


def _refusals(world: World) -> dict[str, Callable[[], Any]]:
    """Each call is refused: the wrong role, or another municipality's family."""
    utrecht = make_family(world.utrecht)
    support = make_family(world.utrecht, kind=Kind.SUPPORT)
    other = make_family(world.amersfoort)
    amersfoort = world.users["coordinator_amersfoort"]
    anouk = world.users["coordinator_utrecht"]
    organisation = ServiceOrganisation.objects.create(
        municipality=world.utrecht, name="Buurtteam Noord", category="district_team"
    )
    topic = Topic.objects.create(title="Een onderwerp voor deze test")
    assignment = RoleAssignment.objects.get(user=amersfoort)
    return {
        "update_family, other municipality": lambda: family_actions.update_family(
            family=utrecht, by=amersfoort, name="Anders"
        ),
        "record_conversation, other municipality": lambda: family_actions.record_conversation(
            family=utrecht, by=amersfoort, number=1, notes="x"
        ),
        "save_offer, other municipality": lambda: family_actions.save_offer(
            family=support, by=amersfoort, max_travel_km=20
        ),
        "save_person, other municipality": lambda: family_actions.save_person(
            family=utrecht, by=amersfoort, first_name="Kees", last_name="Anders"
        ),
        "save_person, a person of another family": lambda: family_actions.save_person(
            family=utrecht, by=anouk, person=other.people.get(), first_name="Kees"
        ),
        "save_child, other municipality": lambda: family_actions.save_child(
            family=utrecht, by=amersfoort, first_name="Noor", date_of_birth=timezone.localdate()
        ),
        "save_child, a child of another family": lambda: family_actions.save_child(
            family=utrecht, by=anouk, child=other.children.first(), first_name="Noor"
        ),
        "save_service_organisation, other municipality's entry": lambda: (
            family_actions.save_service_organisation(
                organisation=organisation, by=amersfoort, name="Anders"
            )
        ),
        "save_service_organisation, moved to another municipality": lambda: (
            family_actions.save_service_organisation(
                organisation=organisation, by=anouk, municipality=world.amersfoort
            )
        ),
        "save_criterion, coordinator": lambda: family_actions.save_criterion(
            by=anouk, name="Stabiel gezin"
        ),
        "save_topic, coordinator": lambda: agreement_actions.save_topic(
            topic=topic, by=anouk, title="Anders"
        ),
        "save_region, coordinator": lambda: org_actions.save_region(by=anouk, name="Noord"),
        "save_municipality, coordinator": lambda: org_actions.save_municipality(
            municipality=world.utrecht, by=anouk, facebook_url="https://example.nl/nep"
        ),
        "create_user, regional coordinator": lambda: org_actions.create_user(
            by=world.users["regional_utrecht"],
            email="nieuw@example.nl",
            first_name="Nieuw",
            last_name="Collega",
        ),
        "update_user, coordinator": lambda: org_actions.update_user(
            user=amersfoort, by=anouk, email="overgenomen@example.nl"
        ),
        "set_user_active, coordinator": lambda: org_actions.set_user_active(
            user=amersfoort, by=anouk, active=False
        ),
        "set_safety_officer, coordinator": lambda: org_actions.set_safety_officer(
            user=world.users["national_office"], by=anouk, designated=True
        ),
        "assign_role, coordinator": lambda: org_actions.assign_role(
            user=anouk, by=anouk, role=Role.NATIONAL_OFFICE
        ),
        "remove_role, coordinator": lambda: org_actions.remove_role(
            assignment=assignment, by=anouk
        ),
    }


REFUSALS = (
    "update_family, other municipality",
    "record_conversation, other municipality",
    "save_offer, other municipality",
    "save_person, other municipality",
    "save_person, a person of another family",
    "save_child, other municipality",
    "save_child, a child of another family",
    "save_service_organisation, other municipality's entry",
    "save_service_organisation, moved to another municipality",
    "save_criterion, coordinator",
    "save_topic, coordinator",
    "save_region, coordinator",
    "save_municipality, coordinator",
    "create_user, regional coordinator",
    "update_user, coordinator",
    "set_user_active, coordinator",
    "set_safety_officer, coordinator",
    "assign_role, coordinator",
    "remove_role, coordinator",
)


@pytest.mark.parametrize("case", REFUSALS)
def test_a_refused_action_raises_action_refused_and_changes_nothing(
    world: World, case: str
) -> None:
    calls = _refusals(world)
    assert set(calls) == set(REFUSALS)
    snapshot = _snapshot()
    with pytest.raises(ActionRefused) as refused:
        calls[case]()
    assert str(refused.value)  # says what may not be done
    assert _snapshot() == snapshot


def _snapshot() -> tuple[Any, ...]:
    return (
        list(Family.objects.order_by("pk").values()),
        list(Person.objects.order_by("pk").values()),
        list(ServiceOrganisation.objects.order_by("pk").values()),
        list(CompetenceCriterion.objects.values()),
        list(Topic.objects.values()),
        list(Municipality.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values("email", "is_active", "is_safety_officer")),
        list(RoleAssignment.objects.order_by("pk").values()),
    )


def _role_taken_away_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    """The view's own checks passed; by the time the action checks, the user's role is gone
    (another tab, the national office removing it). Only the action's check sees that."""
    monkeypatch.setattr(family_actions, "scope_for", lambda user: EMPTY_SCOPE)


def test_a_refusal_after_the_views_checks_is_a_dutch_403_not_a_500(
    world: World, as_actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = make_family(world.utrecht, name="Jansen")
    client = as_actor("coordinator_utrecht")
    url = reverse("families:edit", args=[family.pk])
    assert client.get(url).status_code == 200
    _role_taken_away_meanwhile(monkeypatch)
    response = client.post(url, {"name": "Jansen-de Boer", "postcode": "3511 AB"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "U werkt niet voor de gemeente van dit gezin." in html
    assert "Traceback" not in html and "ActionRefused" not in html
    family.refresh_from_db()
    assert family.name == "Jansen"


def test_a_refusal_during_an_import_is_shown_and_imports_nothing(
    world: World, as_actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.families.test_import import CONFIRM, good_xlsx, token_of, upload

    client = as_actor("coordinator_utrecht")
    token = token_of(upload(client, world.utrecht, good_xlsx()))
    _role_taken_away_meanwhile(monkeypatch)
    response = client.post(reverse(CONFIRM), {"token": token})
    assert response.status_code == 200
    error = str(response.context["import_error"])
    assert "U werkt niet voor de gemeente van dit gezin." in error
    assert "Traceback" not in response.content.decode()
    assert Family.objects.count() == 0
