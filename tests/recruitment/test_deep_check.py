"""The deeper anonymity check (deduce): what it finds, what it leaves alone, and how publishing
waits for it. deduce itself is real here; it is loaded once per test process."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import EventKind, FamilyEvent
from buurtgezinnen.recruitment import actions, deep_check, wording
from buurtgezinnen.recruitment.anonymity import Finding, Reason, Record, check_record
from buurtgezinnen.recruitment.deep_check import Span
from buurtgezinnen.recruitment.drafting import draft
from buurtgezinnen.recruitment.models import (
    DeepCheck,
    DeepCheckDismissal,
    DeepCheckStatus,
    ProfileStatus,
    RecruitmentProfile,
)
from tests.conftest import World
from tests.recruitment.test_profiles import waiting_family

ALLOWED = deep_check.allowed_names(["Utrecht", "Regio Utrecht"])
# deduce knows hospitals; the quasi-identifier layer leaves their abbreviations to it.
HOSPITAL = "Opa ligt elke maand een week in het UMCU."


def found_texts(text: str, allowed: frozenset[str] = ALLOWED, **kwargs) -> list[tuple[str, str]]:
    return [
        (text[f.start : f.end], f.kind) for f in deep_check.check(text, allowed=allowed, **kwargs)
    ]


# --- the check itself -------------------------------------------------------------------------


def test_finds_a_name_that_is_not_in_the_record() -> None:
    text = "Vader Johan werkt in Utrecht."
    (finding,) = deep_check.check(text, allowed=ALLOWED)
    assert text[finding.start : finding.end] == "Vader Johan"
    assert finding.kind == "name"
    assert finding.source == "deduce"
    assert finding.reason == Reason.DEDUCE_NAME
    assert wording.reason(finding) == "Lijkt op een naam (deduce)"


def test_municipalities_and_places_are_allowed() -> None:
    # deduce marks each of these as a place; a profile is meant to name them.
    assert [s.text for s in deep_check.annotate("Een gezin in Utrecht.")] == ["Utrecht"]
    assert found_texts("Een gezin in Utrecht.") == []
    assert found_texts("Het gezin woont in Wijk bij Duurstede.") == []
    assert found_texts("In Bunnik woont een gezin met kinderen van 6 tot 8 jaar.") == []


def test_the_profiles_area_is_allowed() -> None:
    spans = [Span(13, 22, "locatie", "Lombok-Oost"), Span(26, 30, "persoon", "Jaap")]
    plain = deep_check.findings_from(spans, allowed=ALLOWED)
    assert [f.kind for f in plain] == ["place", "name"]
    with_area = deep_check.findings_from(
        spans, allowed=ALLOWED | deep_check.area_names("Lombok oost, Utrecht")
    )
    assert [f.kind for f in with_area] == ["name"]
    assert deep_check.area_names("Zuilen en Ondiep") == {"zuilen en ondiep", "zuilen", "ondiep"}


def test_ages_are_not_findings() -> None:
    # deduce marks the numbers of age ranges ("6 tot 8 jaar"); a profile names them on purpose.
    text = "Twee kinderen van 6 tot 8 jaar."
    assert any(s.tag == "leeftijd" for s in deep_check.annotate(text))
    assert found_texts(text) == []


def test_what_the_record_marks_is_not_marked_twice() -> None:
    text = "Sem speelt voetbal met Johan."
    covered = check_record(text, Record(names=("Sem",)))
    assert [text[f.start : f.end] for f in covered] == ["Sem"]
    assert found_texts(text, covered=covered) == [("Johan", "name")]
    # Partial overlap counts too.
    overlapping = [Finding(2, 5, "name", Reason.RECORD_NAME, source="record")]
    assert (
        deep_check.findings_from(
            [Span(0, 4, "persoon", "Sem ")], allowed=ALLOWED, covered=overlapping
        )
        == []
    )


def test_stored_findings_round_trip() -> None:
    text = "Oma Fatima komt vaak."
    (finding,) = deep_check.check(text, allowed=ALLOWED)
    stored = deep_check.to_json(finding, text)
    assert stored == {"start": 4, "end": 10, "kind": "name", "text": "Fatima"}
    assert deep_check.from_json(stored) == finding


def test_one_deduce_per_process() -> None:
    assert deep_check.get_deduce() is deep_check.get_deduce()


# --- the profile: stored per text, and publishing waits for it ---------------------------------


def saved_profile(world: World, text: str) -> RecruitmentProfile:
    family = waiting_family(world, world.utrecht)
    fields = {**draft(family), "text": text}
    return actions.save_profile(family=family, by=world.users["coordinator_utrecht"], **fields)


def dismiss(profile: RecruitmentProfile, world: World, finding: Finding, reason: str = "Een hond"):
    return actions.dismiss_finding(
        profile=profile,
        by=world.users["coordinator_utrecht"],
        text_hash=deep_check.text_hash(profile.public_text()),
        start=finding.start,
        end=finding.end,
        reason=reason,
    )


def publish(profile: RecruitmentProfile, world: World) -> RecruitmentProfile:
    return actions.publish_profile(
        profile=profile, by=world.users["coordinator_utrecht"], consent=True
    )


@pytest.mark.django_db
def test_saving_queues_the_check_on_commit(world: World, django_capture_on_commit_callbacks):
    family = waiting_family(world, world.utrecht)
    fields = {**draft(family), "text": "Een jongen die van voetbal houdt."}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        profile = actions.save_profile(
            family=family, by=world.users["coordinator_utrecht"], **fields
        )
    assert len(callbacks) == 1  # huey is immediate in tests: the task ran
    check = actions.current_deep_check(profile)
    assert check is not None and check.status == DeepCheckStatus.DONE
    assert check.text_hash == deep_check.text_hash(profile.public_text())


@pytest.mark.django_db
def test_publishing_waits_for_the_check(world: World) -> None:
    profile = saved_profile(world, "Een jongen die van voetbal houdt.")
    assert actions.current_deep_check(profile).status == DeepCheckStatus.PENDING
    with pytest.raises(ValidationError, match="loopt nog"):
        publish(profile, world)
    actions.run_deep_check(profile_id=profile.pk)
    assert publish(profile, world).status == ProfileStatus.PUBLISHED


@pytest.mark.django_db
def test_an_open_finding_refuses_and_a_dismissed_one_passes(world: World) -> None:
    profile = saved_profile(world, HOSPITAL)
    actions.run_deep_check(profile_id=profile.pk)
    (finding,) = actions.deep_state(profile).open
    assert profile.public_text()[finding.start : finding.end] == "UMCU"
    with pytest.raises(ValidationError, match="diepere controle vond 1"):
        publish(profile, world)
    with pytest.raises(ValidationError, match="reden"):
        dismiss(profile, world, finding, reason="   ")
    dismissal = dismiss(profile, world, finding, reason="Opa is geen patiënt, hij werkt er.")
    assert dismissal.text == "UMCU"
    assert dismissal.by == world.users["coordinator_utrecht"]
    event = FamilyEvent.objects.filter(family=profile.family, kind=EventKind.CHANGED).last()
    assert "Opa is geen patiënt" in event.detail
    with pytest.raises(ValidationError, match="al genegeerd"):
        dismiss(profile, world, finding)
    state = actions.deep_state(profile)
    assert state.open == [] and len(state.dismissed) == 1
    assert publish(profile, world).status == ProfileStatus.PUBLISHED


@pytest.mark.django_db
def test_a_record_finding_cannot_be_dismissed(world: World) -> None:
    family = waiting_family(world, world.utrecht)
    child = family.children.first()
    fields = {**draft(family), "text": f"{child.first_name} houdt van voetbal."}
    profile = actions.save_profile(family=family, by=world.users["coordinator_utrecht"], **fields)
    actions.run_deep_check(profile_id=profile.pk)
    (record_finding,) = actions.findings(profile)
    assert record_finding.source == "record"
    with pytest.raises(ValidationError, match="kan niet genegeerd worden"):
        dismiss(profile, world, record_finding)
    # A pattern's neither (a phone number), and a span deduce did not find is refused too.
    assert not DeepCheckDismissal.objects.exists()
    with pytest.raises(ValidationError, match="kan niet genegeerd worden"):
        dismiss(
            profile,
            world,
            Finding(record_finding.start, record_finding.end + 3, "x", Reason.DEDUCE_OTHER),
        )
    with pytest.raises(ValidationError, match="heeft die bevinding niet"):
        dismiss(profile, world, Finding(0, 4, "x", Reason.DEDUCE_OTHER))


@pytest.mark.django_db
def test_a_pattern_finding_cannot_be_dismissed(world: World) -> None:
    profile = saved_profile(world, "Bel ons op 030-2345678.")
    actions.run_deep_check(profile_id=profile.pk)
    (pattern,) = actions.findings(profile)
    assert pattern.source == "pattern"
    with pytest.raises(ValidationError, match="kan niet genegeerd worden"):
        dismiss(profile, world, pattern)


@pytest.mark.django_db
def test_a_changed_text_needs_a_new_check_and_new_dismissals(world: World) -> None:
    profile = saved_profile(world, HOSPITAL)
    actions.run_deep_check(profile_id=profile.pk)
    (finding,) = actions.deep_state(profile).open
    old_hash = deep_check.text_hash(profile.public_text())
    dismiss(profile, world, finding)
    profile = actions.save_profile(
        family=profile.family,
        by=world.users["coordinator_utrecht"],
        **{**draft(profile.family), "text": HOSPITAL + " Oma ook."},
    )
    assert actions.current_deep_check(profile).status == DeepCheckStatus.PENDING
    with pytest.raises(ValidationError, match="veranderd"):
        actions.dismiss_finding(
            profile=profile,
            by=world.users["coordinator_utrecht"],
            text_hash=old_hash,
            start=finding.start,
            end=finding.end,
            reason="x",
        )
    actions.run_deep_check(profile_id=profile.pk)
    assert len(actions.deep_state(profile).open) == 1  # the old dismissal was for the old text
    with pytest.raises(ValidationError):
        publish(profile, world)


@pytest.mark.django_db
def test_a_failed_check_refuses_and_can_run_again(world: World, monkeypatch) -> None:
    profile = saved_profile(world, "Een jongen die van voetbal houdt.")

    def broken(text: str) -> list[Span]:
        raise RuntimeError(f"boom in {text}")

    monkeypatch.setattr(deep_check, "annotate", broken)
    check = actions.run_deep_check(profile_id=profile.pk)
    assert check.status == DeepCheckStatus.FAILED
    assert check.error == "RuntimeError"  # never the text
    with pytest.raises(ValidationError, match="mislukt"):
        publish(profile, world)
    monkeypatch.undo()
    actions.rerun_deep_check(profile=profile, by=world.users["coordinator_utrecht"])
    assert actions.current_deep_check(profile).status == DeepCheckStatus.PENDING
    actions.run_deep_check(profile_id=profile.pk)
    with pytest.raises(ValidationError, match="al klaar"):
        actions.rerun_deep_check(profile=profile, by=world.users["coordinator_utrecht"])
    assert publish(profile, world).status == ProfileStatus.PUBLISHED


@pytest.mark.django_db
def test_only_a_case_worker_of_the_family_dismisses(world: World) -> None:
    profile = saved_profile(world, HOSPITAL)
    actions.run_deep_check(profile_id=profile.pk)
    (finding,) = actions.deep_state(profile).open
    with pytest.raises(ActionRefused):
        actions.dismiss_finding(
            profile=profile,
            by=world.users["coordinator_amersfoort"],
            text_hash=deep_check.text_hash(profile.public_text()),
            start=finding.start,
            end=finding.end,
            reason="x",
        )


# --- the page -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_marks_deep_findings_and_dismisses_with_a_reason(
    world: World, as_actor, django_capture_on_commit_callbacks
) -> None:
    profile = saved_profile(world, HOSPITAL)
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[profile.family.pk])
    pending = client.get(url).content.decode()
    assert "De diepere controle loopt nog" in pending
    actions.run_deep_check(profile_id=profile.pk)
    page = client.get(url)
    html = page.content.decode()
    assert (
        '<mark class="app-finding app-finding--dismissible" '
        'title="Lijkt op een instelling (deduce)">' in html
    )
    assert "UMCU<span" in html
    assert "Reden om te negeren" in html
    (item,) = [d for c in page.context["checked"] for d in c["dismissible"]]
    form = {
        "text_hash": deep_check.text_hash(profile.public_text()),
        "start": item["start"],
        "end": item["end"],
    }
    dismiss_url = reverse("recruitment:profile_dismiss_finding", args=[profile.family.pk])
    refused = client.post(dismiss_url, {**form, "reason": ""}, follow=True)
    assert "Geef een reden" in refused.content.decode()
    done = client.post(dismiss_url, {**form, "reason": "Opa is de buurman"}, follow=True)
    text = done.content.decode()
    assert "De bevinding is genegeerd." in text
    assert "Opa is de buurman" in text
    assert "app-finding--dismissible" not in text
    assert DeepCheckDismissal.objects.get().reason == "Opa is de buurman"


@pytest.mark.django_db
def test_opening_the_page_queues_a_missing_check(
    world: World, as_actor, django_capture_on_commit_callbacks
) -> None:
    profile = saved_profile(world, "Een jongen die van voetbal houdt.")
    DeepCheck.objects.all().delete()
    client = as_actor("coordinator_utrecht")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("recruitment:profile", args=[profile.family.pk]))
    assert actions.current_deep_check(profile).status == DeepCheckStatus.DONE


@pytest.mark.django_db
def test_failed_check_offers_run_again(world: World, as_actor, monkeypatch) -> None:
    profile = saved_profile(world, "Een jongen die van voetbal houdt.")
    monkeypatch.setattr(deep_check, "annotate", lambda text: 1 / 0)
    actions.run_deep_check(profile_id=profile.pk)
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("recruitment:profile", args=[profile.family.pk])).content.decode()
    assert "De diepere controle is mislukt" in page
    assert "ZeroDivisionError" not in page and "Traceback" not in page
    rerun = client.post(reverse("recruitment:profile_rerun_check", args=[profile.family.pk]))
    assert rerun.status_code == 302
    assert actions.current_deep_check(profile).status == DeepCheckStatus.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("names", [1, 6])
def test_profile_page_queries_do_not_grow_with_findings(world: World, as_actor, names: int) -> None:
    hospitals = ["UMCU", "WKZ", "LUMC", "MUMC", "UMCN", "MCL"][:names]
    profile = saved_profile(world, "Opa lag in het " + ", het ".join(hospitals) + ".")
    actions.run_deep_check(profile_id=profile.pk)
    state = actions.deep_state(profile)
    assert len(state.open) == names
    dismiss(profile, world, state.open[0])
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[profile.family.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # session, user, roles (3) + family, access log, profile, responses, parents, children (6)
    # + the check, its dismissals, who dismissed (3) = 12, +2
    assert len(queries) <= 14
