"""The reporting code: steps strictly in order, nothing after the decision, and the acute
report possible from any step (and then nothing more)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from buurtgezinnen.concerns import actions, meldcode
from buurtgezinnen.concerns.models import ConcernKind, ConcernStatus, MeldcodeStep, Step
from buurtgezinnen.core.errors import ActionRefused
from tests.concerns.factories import TODAY, make_concern, record_steps, step_data
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_next_step_is_the_first_missing_and_none_after_a_final_step() -> None:
    assert meldcode.next_step([]) == Step.SIGNS
    assert meldcode.next_step([1, 2]) == Step.TALK
    assert meldcode.next_step([1, 2, 3, 4, 5]) is None
    assert meldcode.next_step([1, Step.ACUTE]) is None
    assert meldcode.may_record([], Step.ACUTE)
    assert meldcode.may_record([1, 2, 3], Step.ACUTE)
    assert not meldcode.may_record([1, 2, 3, 4, 5], Step.ACUTE)
    assert not meldcode.may_record([1], Step.TALK)
    assert not meldcode.may_record([1], Step.SIGNS)


def _record(world: World, concern, step: int, **extra):
    data = {**step_data(step), **extra}
    return actions.record_step(
        concern=concern,
        by=world.users["coordinator_utrecht"],
        step=step,
        reasoning=data.pop("reasoning", "Omdat"),
        **data,
    )


def test_steps_in_order_with_who_when_and_reasoning(world: World) -> None:
    concern = make_concern(world)
    with pytest.raises(ValidationError):
        _record(world, concern, Step.CONSULT)
    for step in (1, 2, 3, 4, 5):
        recorded = _record(world, concern, step)
        assert recorded.by == world.users["coordinator_utrecht"]
        assert recorded.reasoning == "Omdat" and recorded.at is not None
    assert list(concern.steps.values_list("step", flat=True)) == [1, 2, 3, 4, 5]
    # Nothing after the decision: no sixth step, no second decision, no acute report.
    for step in (Step.DECIDE, Step.ACUTE, Step.SIGNS):
        with pytest.raises(ValidationError):
            _record(world, concern, step)


def test_a_step_cannot_be_skipped_or_repeated(world: World) -> None:
    concern = make_concern(world)
    _record(world, concern, Step.SIGNS)
    with pytest.raises(ValidationError):
        _record(world, concern, Step.SIGNS)
    with pytest.raises(ValidationError):
        _record(world, concern, Step.WEIGH)
    assert concern.steps.count() == 1


@pytest.mark.parametrize("done", [0, 1, 3, 4])
def test_acute_report_from_any_step_records_the_report_and_finishes(
    world: World, done: int
) -> None:
    concern = make_concern(world)
    record_steps(world, concern, done)
    report = actions.report_acute(
        concern=concern,
        by=world.users["coordinator_utrecht"],
        reported_on=TODAY,
        veilig_thuis_reference="VT-123",
        reasoning="Het kind durft niet naar huis.",
    )
    assert report.step == Step.ACUTE and report.reported_to_veilig_thuis
    assert (report.reported_on, report.veilig_thuis_reference) == (TODAY, "VT-123")
    with pytest.raises(ValidationError):
        _record(world, concern, done + 1 if done < 5 else Step.DECIDE)
    with pytest.raises(ValidationError):
        _record(world, concern, Step.ACUTE)


def test_acute_report_needs_date_and_reference(world: World) -> None:
    concern = make_concern(world)
    with pytest.raises(ValidationError) as error:
        actions.report_acute(
            concern=concern,
            by=world.users["coordinator_utrecht"],
            reported_on=None,  # type: ignore[arg-type]
            veilig_thuis_reference=" ",
            reasoning="Nu",
        )
    assert set(error.value.message_dict) == {"reported_on", "veilig_thuis_reference"}
    assert not MeldcodeStep.objects.exists()


def test_acute_report_on_a_worry_escalates_it(world: World) -> None:
    concern = make_concern(world, kind=ConcernKind.WORRY)
    actions.report_acute(
        concern=concern,
        by=world.users["coordinator_utrecht"],
        reported_on=TODAY,
        veilig_thuis_reference="VT-9",
        reasoning="Acuut",
    )
    concern.refresh_from_db()
    assert concern.kind == ConcernKind.SAFETY and concern.escalated_at is not None


def test_each_step_asks_what_it_needs(world: World) -> None:
    concern = make_concern(world)
    record_steps(world, concern, 2)
    with pytest.raises(ValidationError) as error:
        _record(world, concern, Step.TALK, talked_with_parents=False, not_talked_reason="")
    assert "not_talked_reason" in error.value.message_dict
    _record(
        world,
        concern,
        Step.TALK,
        talked_with_parents=False,
        not_talked_reason="Vader is eerder agressief geweest tegen hulpverleners.",
    )
    with pytest.raises(ValidationError) as error:
        _record(world, concern, Step.WEIGH, q2_answer=None, q4_explanation="")
    assert {"q2_answer", "q4_explanation"} <= set(error.value.message_dict)
    # Acute or structural unsafety (question 2: yes) means reporting is the norm.
    _record(world, concern, Step.WEIGH, q2_answer=True)
    with pytest.raises(ValidationError) as error:
        _record(world, concern, Step.DECIDE)
    assert "reported_to_veilig_thuis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _record(world, concern, Step.DECIDE, reported_to_veilig_thuis=True)
    assert {"reported_on", "veilig_thuis_reference"} <= set(error.value.message_dict)
    _record(
        world,
        concern,
        Step.DECIDE,
        reported_to_veilig_thuis=True,
        reported_on=TODAY,
        veilig_thuis_reference="VT-77",
    )
    assert concern.steps.count() == 5


def test_a_worry_takes_no_steps_until_escalated_and_closing_needs_a_finished_code(
    world: World,
) -> None:
    coordinator = world.users["coordinator_utrecht"]
    concern = make_concern(world, kind=ConcernKind.WORRY)
    with pytest.raises(ValidationError):
        _record(world, concern, Step.SIGNS)
    actions.escalate(concern=concern, by=coordinator)
    _record(world, concern, Step.SIGNS)
    with pytest.raises(ValidationError):
        actions.close_concern(concern=concern, by=coordinator, note="Klaar")
    record_steps_from = 2
    for step in range(record_steps_from, 6):
        _record(world, concern, step)
    with pytest.raises(ValidationError):
        actions.close_concern(concern=concern, by=coordinator, note="  ")
    actions.close_concern(concern=concern, by=coordinator, note="Hulp loopt via het buurtteam.")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    with pytest.raises(ValidationError):
        actions.escalate(concern=concern, by=coordinator)


def test_only_the_family_coordinator_may_record_a_step(world: World) -> None:
    concern = make_concern(world)
    for actor in ("regional_utrecht", "coordinator_amersfoort"):
        with pytest.raises(ActionRefused):
            actions.record_step(
                concern=concern, by=world.users[actor], step=1, reasoning="x", signs="y"
            )


def test_the_page_records_the_next_step_and_keeps_input_on_error(world: World, as_actor) -> None:
    concern = make_concern(world)
    client = as_actor("coordinator_utrecht")
    url = reverse("concerns:step", args=[concern.pk])
    response = client.post(url, {"step-signs": "Blauwe plek op de wang", "step-reasoning": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Blauwe plek op de wang" in page  # what was typed is kept
    assert "Write down your reasoning." in page or "Schrijf je afweging op." in page
    response = client.post(
        url, {"step-signs": "Blauwe plek op de wang", "step-reasoning": "Zelf gezien"}
    )
    assert response.status_code == 302
    assert concern.steps.get().signs == "Blauwe plek op de wang"
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Zelf gezien" in page
    # The acute form from the page, at step 2.
    response = client.post(
        reverse("concerns:acute", args=[concern.pk]),
        {
            "acute-reported_on": TODAY.isoformat(),
            "acute-veilig_thuis_reference": "VT-1",
            "acute-reasoning": "Kind durft niet naar huis",
        },
    )
    assert response.status_code == 302
    assert list(concern.steps.values_list("step", flat=True)) == [1, Step.ACUTE]
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert f'action="{reverse("concerns:step", args=[concern.pk])}"' not in page
