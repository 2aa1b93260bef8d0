"""Every model of ours is scoped (``org.scoping.ScopedQuerySet`` on its default manager, with a
``scope_path`` that leads to a municipality), or named in ``EXEMPT`` with the reason it is not.

A new model with personal data and a plain manager fails here until it declares its way to the
municipality, or someone writes down why it needs none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from buurtgezinnen.families.models import Family, Person
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.org.scoping import ScopedQuerySet

# Not scoped by a municipality, each with the reason (label_lower: reason).
EXEMPT: dict[str, str] = {
    "org.region": "a lookup table: the names of regions",
    "org.user": "staff accounts: only the national office's pages list and open them",
    "org.roleassignment": "staff roles: read by the scope and on the national office's pages",
    "org.standin": "an absence belongs to people and a region: StandInQuerySet.for_user",
    "families.competencecriterion": "a lookup table kept by the national office",
    "agreements.standardtext": "the national office's standard text, about nobody",
    "agreements.topic": "a lookup table kept by the national office",
    "agenda.calendartoken": "a user's own key: read by its (hashed) token or by its owner only",
    "agenda.sentreminder": "ids only (what was sent, so it is not sent twice), no personal data",
    "audit.accesslog": "the log of reads: the national office's search pages (role_required)",
}


def _ours() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("buurtgezinnen.")]


def _is_scoped(model: type[models.Model]) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def unscoped(candidates: Iterable[type[models.Model]], exempt: Mapping[str, str]) -> list[str]:
    """The models that are neither scoped nor exempt."""
    return [
        model._meta.label_lower
        for model in candidates
        if not _is_scoped(model) and model._meta.label_lower not in exempt
    ]


def _leads_to_a_municipality(model: type[models.Model], path: str) -> bool:
    """Each step a forward foreign key (one row on the other side, so ``__in`` never repeats a
    row), the last one to ``Municipality``; ``"pk"`` for the municipality itself."""
    if path == "pk":
        return model is Municipality
    current = model
    for name in path.split("__"):
        field = current._meta.get_field(name)
        related = field.related_model
        forward = (field.many_to_one or field.one_to_one) and field.concrete
        if not forward or not isinstance(related, type):
            return False
        current = related
    return current is Municipality


def test_every_model_of_ours_is_scoped_or_exempt_with_a_reason() -> None:
    assert unscoped(_ours(), EXEMPT) == []
    assert all(reason.strip() for reason in EXEMPT.values())


def test_every_exemption_names_a_model_that_exists_and_is_not_scoped() -> None:
    ours = {model._meta.label_lower: model for model in _ours()}
    assert set(EXEMPT) <= set(ours)
    assert [label for label in EXEMPT if _is_scoped(ours[label])] == []


def test_every_scope_path_leads_to_a_municipality() -> None:
    paths = {m: type(m._default_manager.all()).scope_path for m in _ours() if _is_scoped(m)}
    wrong = [
        (m._meta.label_lower, p) for m, p in paths.items() if not _leads_to_a_municipality(m, p)
    ]
    assert wrong == []
    # The check itself: a user, a family, a reverse relation and a municipality's own fields fail.
    assert not _leads_to_a_municipality(Family, "decided_by")
    assert not _leads_to_a_municipality(Person, "family")
    assert not _leads_to_a_municipality(Family, "people")
    assert not _leads_to_a_municipality(Family, "pk")
    assert _leads_to_a_municipality(Person, "family__municipality")


@isolate_apps("buurtgezinnen.families")
def test_a_new_model_without_a_scope_fails_the_check() -> None:
    class Diary(models.Model):  # noqa: DJ008 (a throwaway model, never shown)
        name = models.CharField(max_length=100)
        note = models.TextField()

        class Meta:
            app_label = "families"

    class DiaryQuerySet(models.QuerySet["Notebook"]):
        def recent(self) -> DiaryQuerySet:
            return self.order_by("-pk")

    class Notebook(models.Model):  # noqa: DJ008 (a throwaway model, never shown)
        note = models.TextField()

        objects = DiaryQuerySet.as_manager()

        class Meta:
            app_label = "families"

    class ScopedNotesQuerySet(ScopedQuerySet["Notes"]):
        scope_path = "municipality"

    class Notes(models.Model):  # noqa: DJ008 (a throwaway model, never shown)
        note = models.TextField()

        objects = ScopedNotesQuerySet.as_manager()

        class Meta:
            app_label = "families"

    assert unscoped([Diary, Notebook, Notes], EXEMPT) == ["families.diary", "families.notebook"]
    assert unscoped([Diary], {"families.diary": "a reason"}) == []


def test_a_scoped_queryset_must_say_its_way_to_the_municipality() -> None:
    with pytest.raises(TypeError, match="scope_path"):

        class Pathless(ScopedQuerySet[Municipality]):
            pass
