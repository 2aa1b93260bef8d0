"""Proposals of a support family to a requesting family, and the match that a click starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtgezinnen import policy
from buurtgezinnen.families.models import Family


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTRODUCTION = "introduction", _("introduction planned")
    CLICK = "click", _("it clicked")
    NO_CLICK = "no_click", _("no click")
    WITHDRAWN = "withdrawn", _("withdrawn")


# While a proposal is open, or clicked (the match), it holds one of the support family's places.
HOLDS_A_PLACE = (ProposalStatus.PROPOSED, ProposalStatus.INTRODUCTION, ProposalStatus.CLICK)
OPEN = (ProposalStatus.PROPOSED, ProposalStatus.INTRODUCTION)


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

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            # The database itself refuses a second proposal for the same place, even when two
            # coordinators act at the same moment.
            models.UniqueConstraint(
                fields=["support_family", "place"],
                condition=Q(status__in=HOLDS_A_PLACE),
                name="proposal_one_per_place",
            ),
            models.UniqueConstraint(
                fields=["request_family"],
                condition=Q(status__in=HOLDS_A_PLACE),
                name="proposal_one_open_per_requesting_family",
            ),
            models.CheckConstraint(
                name="proposal_place_in_range",
                condition=Q(place__gte=1, place__lte=policy.MAX_FAMILIES_PER_SUPPORT_FAMILY),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_family.name} - {self.support_family.name}"


class Match(models.Model):
    """The lasting link that a click starts. Its lifecycle (trial, reviews, closure) comes next."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="match")
    request_family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="+")
    support_family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.request_family.name} - {self.support_family.name}"
