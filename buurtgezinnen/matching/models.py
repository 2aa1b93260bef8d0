"""Proposals of a support family to a requesting family, and the match that a click starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, DateField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtgezinnen import policy
from buurtgezinnen.core.sql import AddMonths
from buurtgezinnen.families.models import Family
from buurtgezinnen.matching import enums
from buurtgezinnen.org.scoping import ScopedQuerySet


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTRODUCTION = "introduction", _("introduction planned")
    CLICK = "click", _("it clicked")
    NO_CLICK = "no_click", _("no click")
    WITHDRAWN = "withdrawn", _("withdrawn")


# While a proposal is open it holds one of the support family's places; a click hands that place
# to the match, which holds it until the match is closed.
OPEN = (ProposalStatus.PROPOSED, ProposalStatus.INTRODUCTION)


class ProposalQuerySet(ScopedQuerySet["Proposal"]):
    """``for_user``: the proposals for the requesting families in the user's case scope."""

    scope_path = "request_family__municipality"


class Proposal(models.Model):
    request_family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="proposals_received"
    )
    support_family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="proposals_made"
    )
    # Which of the support family's places (1..max_families) this proposal takes.
    place = models.PositiveSmallIntegerField()
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    introduction_at = models.DateTimeField(_("introduction meeting"), null=True, blank=True)
    request_side = models.TextField(_("how the requesting family saw it"), blank=True)
    support_side = models.TextField(_("how the support family saw it"), blank=True)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            # The database itself refuses a second proposal for the same place, even when two
            # coordinators act at the same moment.
            models.UniqueConstraint(
                fields=["support_family", "place"],
                condition=Q(status__in=OPEN),
                name="proposal_one_per_place",
            ),
            models.UniqueConstraint(
                fields=["request_family"],
                condition=Q(status__in=OPEN),
                name="proposal_one_open_per_requesting_family",
            ),
            models.CheckConstraint(
                name="proposal_place_in_range",
                condition=Q(place__gte=1, place__lte=policy.MAX_FAMILIES_PER_SUPPORT_FAMILY),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_family.name} - {self.support_family.name}"


class MatchStatus(models.TextChoices):
    AGREEMENT = enums.MatchStatus.AGREEMENT, _("agreement being made")
    TRIAL = enums.MatchStatus.TRIAL, _("trial period")
    RUNNING = enums.MatchStatus.RUNNING, _("running")
    CLOSING = enums.MatchStatus.CLOSING, _("closing")
    COMPLETED = enums.MatchStatus.COMPLETED, _("completed")
    ENDED_EARLY = enums.MatchStatus.ENDED_EARLY, _("ended early")


OPEN_MATCH = (MatchStatus.AGREEMENT, MatchStatus.TRIAL, MatchStatus.RUNNING, MatchStatus.CLOSING)

# The match's lifecycle in one table; ``tests/matching/test_lifecycle.py`` checks it. Ending early
# is possible from every open state.
MATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    MatchStatus.AGREEMENT: frozenset({MatchStatus.TRIAL, MatchStatus.ENDED_EARLY}),
    MatchStatus.TRIAL: frozenset({MatchStatus.RUNNING, MatchStatus.ENDED_EARLY}),
    MatchStatus.RUNNING: frozenset({MatchStatus.CLOSING, MatchStatus.ENDED_EARLY}),
    MatchStatus.CLOSING: frozenset({MatchStatus.COMPLETED, MatchStatus.ENDED_EARLY}),
}


class EndReason(models.TextChoices):
    NO_CLICK = "no_click", _("no click after all")
    MOVED = "moved", _("a family moved")
    HEAVIER_HELP = "heavier_help", _("the family needs heavier help")
    SUPPORT_STOPS = "support_stops", _("the support family stops")
    OTHER = "other", _("other")


class MatchQuerySet(ScopedQuerySet["Match"]):
    """``for_user``: the matches of the requesting families in the user's case scope."""

    scope_path = "request_family__municipality"

    def open(self) -> MatchQuerySet:
        return self.filter(status__in=OPEN_MATCH)

    def with_next_review(self) -> MatchQuerySet:
        """Each match with ``last_held_on`` (its latest review held) and ``next_review_on``: the
        day ``schedule.next_review`` gives, in SQL, so a list can sort on what is due first
        (None where nothing is due). ``tests/matching/test_match_views.py`` holds the two equal."""
        last_held = Subquery(
            Review.objects.filter(match=OuterRef("pk"), held_on__isnull=False)
            .order_by("-held_on")
            .values("held_on")[:1]
        )
        trial = F("trial_started_on")
        ends = AddMonths(trial, policy.GUIDANCE_MONTHS)
        progress = AddMonths(Coalesce("last_held_on", trial), policy.REVIEW_EVERY_MONTHS)
        return self.annotate(last_held_on=last_held).annotate(
            next_review_on=Case(
                When(trial_started_on__isnull=True, then=Value(None)),
                When(status=MatchStatus.TRIAL, then=AddMonths(trial, policy.TRIAL_PERIOD_MONTHS)),
                When(status=MatchStatus.CLOSING, then=ends),
                # The closing conversation instead of a progress review that would fall after it.
                When(status=MatchStatus.RUNNING, then=Least(progress, ends)),
                default=Value(None),
                output_field=DateField(),
            )
        )


class Match(models.Model):
    """Two families who clicked, guided for two years: agreement, trial, reviews, closure."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="match")
    request_family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="matches_received"
    )
    support_family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="matches_given"
    )
    # The support family's place this match holds while open (taken over from the proposal).
    place = models.PositiveSmallIntegerField()
    status = models.CharField(
        _("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.AGREEMENT
    )
    started_on = models.DateField(_("clicked on"))
    trial_started_on = models.DateField(_("trial period started on"), null=True, blank=True)
    running_since = models.DateField(_("running since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=16, choices=EndReason.choices, blank=True
    )
    closing_note = models.TextField(_("note on the closure"), blank=True)
    continue_together = models.BooleanField(
        _("the families go on by themselves"), null=True, blank=True
    )
    support_available_again = models.BooleanField(
        _("the support family is available again"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["request_family"],
                condition=Q(status__in=OPEN_MATCH),
                name="match_one_open_per_requesting_family",
            ),
            # A support family's open matches never exceed its places.
            models.UniqueConstraint(
                fields=["support_family", "place"],
                condition=Q(status__in=OPEN_MATCH),
                name="match_one_per_place",
            ),
            models.CheckConstraint(
                name="match_place_in_range",
                condition=Q(place__gte=1, place__lte=policy.MAX_FAMILIES_PER_SUPPORT_FAMILY),
            ),
            models.CheckConstraint(
                name="match_trial_has_date",
                condition=Q(status=MatchStatus.AGREEMENT)
                | Q(status=MatchStatus.ENDED_EARLY)
                | Q(trial_started_on__isnull=False),
            ),
            models.CheckConstraint(
                name="match_closed_has_date",
                condition=Q(status__in=OPEN_MATCH) | Q(closed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_family.name} - {self.support_family.name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH


class MatchEventQuerySet(ScopedQuerySet["MatchEvent"]):
    scope_path = "match__request_family__municipality"


class MatchEvent(models.Model):
    """The match's own timeline (each step is also on both families' timelines)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_before = models.CharField(max_length=16, choices=MatchStatus.choices, blank=True)
    status_after = models.CharField(max_length=16, choices=MatchStatus.choices, blank=True)
    detail = models.TextField(blank=True)

    objects = MatchEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("match event")
        verbose_name_plural = _("match timeline")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.detail}"


class ReviewKind(models.TextChoices):
    EVALUATION = enums.ReviewKind.EVALUATION, _("evaluation of the trial period")
    PROGRESS = enums.ReviewKind.PROGRESS, _("progress review")
    CLOSING = enums.ReviewKind.CLOSING, _("closing conversation")


class ReviewQuerySet(ScopedQuerySet["Review"]):
    scope_path = "match__request_family__municipality"


class Review(models.Model):
    """An evaluation, progress review or closing conversation: planned, then held with notes."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=12, choices=ReviewKind.choices)
    planned_at = models.DateTimeField(_("planned for"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    request_family_notes = models.TextField(_("how it goes for the requesting family"), blank=True)
    support_family_notes = models.TextField(_("how it goes for the support family"), blank=True)
    children_notes = models.TextField(_("how it goes for the children"), blank=True)
    support_given = models.TextField(_("the support given"), blank=True)
    agreement_changes = models.TextField(_("changes to the agreement"), blank=True)
    worries = models.TextField(_("worries"), blank=True)
    next_steps = models.TextField(_("what is agreed next"), blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-planned_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                name="review_planned_or_held",
                condition=Q(planned_at__isnull=False) | Q(held_on__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
