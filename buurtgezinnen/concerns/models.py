"""Concerns about a child or a family, the steps of the reporting code (meldcode), the support
family's personal link for reporting a worry, and referrals to formal help.

Who may read a concern is decided in ``access.py``, not here: concerns are narrower than the
case scope (the family's coordinator and the national office's safety officer only). Here each
model says only its way to the municipality and that it follows the coordinators' municipalities
(``Scope.coordinator_municipality_ids``); the safety officer's concerns are added in ``access.py``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.concerns import enums
from buurtgezinnen.families.models import Child, Family, Person, ServiceOrganisation
from buurtgezinnen.matching.models import Match
from buurtgezinnen.org.scoping import ScopedQuerySet


class ConcernKind(models.TextChoices):
    WORRY = "worry", _("worry")
    SAFETY = "safety", _("safety concern (reporting code)")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ReportedThrough(models.TextChoices):
    STAFF = "staff", _("a colleague")
    SUPPORT_FAMILY = "support_family", _("the support family, through its link")


class ConcernQuerySet(ScopedQuerySet["Concern"]):
    """``for_user``: the concerns of the families whose coordinator (or stand-in) the user is.
    ``access.concerns_for`` adds the safety officer's."""

    scope_path = "family__municipality"
    scope_set = "coordinator_municipality_ids"


class Concern(models.Model):
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="concerns")
    child = models.ForeignKey(
        Child,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("child"),
    )
    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ConcernKind.choices, default=ConcernKind.WORRY
    )
    description = models.TextField(_("what is the concern"))
    reported_through = models.CharField(
        max_length=16, choices=ReportedThrough.choices, default=ReportedThrough.STAFF
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The support parent who reported it through their personal link.
    reported_by_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        constraints = [
            models.CheckConstraint(
                name="concern_closed_has_note",
                condition=Q(status=ConcernStatus.OPEN) | ~Q(closing_note=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ConcernStatus.OPEN


class Step(models.IntegerChoices):
    SIGNS = enums.Step.SIGNS, _("1. Map the signs")
    CONSULT = enums.Step.CONSULT, _("2. Consult a colleague and, where needed, Veilig Thuis")
    TALK = enums.Step.TALK, _("3. Talk with the parents")
    WEIGH = enums.Step.WEIGH, _("4. Weigh with the assessment framework")
    DECIDE = enums.Step.DECIDE, _("5. Decide: organise help and/or report")
    ACUTE = enums.Step.ACUTE, _("Acute unsafety: report now")


class MeldcodeStepQuerySet(ScopedQuerySet["MeldcodeStep"]):
    # The safety officer reads the steps through the concern (``concern.steps``), not here.
    scope_path = "concern__family__municipality"
    scope_set = "coordinator_municipality_ids"


class MeldcodeStep(models.Model):
    """One recorded step of the reporting code, with who, when and the reasoning."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    # Step 1
    signs = models.TextField(_("the signs"), blank=True)
    # Step 2
    colleague = models.CharField(
        _("colleague consulted (name and role)"), max_length=200, blank=True
    )
    veilig_thuis_consulted = models.BooleanField(_("Veilig Thuis consulted"), null=True, blank=True)
    veilig_thuis_advice = models.TextField(_("advice of Veilig Thuis"), blank=True)
    # Step 3
    talked_with_parents = models.BooleanField(_("talked with the parents"), null=True, blank=True)
    not_talked_reason = models.TextField(_("why not"), blank=True)
    # Step 4: the five questions of the assessment framework (afwegingskader)
    q1_answer = models.BooleanField(null=True, blank=True)
    q1_explanation = models.TextField(blank=True)
    q2_answer = models.BooleanField(null=True, blank=True)
    q2_explanation = models.TextField(blank=True)
    q3_answer = models.BooleanField(null=True, blank=True)
    q3_explanation = models.TextField(blank=True)
    q4_answer = models.BooleanField(null=True, blank=True)
    q4_explanation = models.TextField(blank=True)
    q5_answer = models.BooleanField(null=True, blank=True)
    q5_explanation = models.TextField(blank=True)
    # Step 5 and the acute report
    help_organised = models.BooleanField(_("help organised"), default=False)
    help_note = models.TextField(_("which help"), blank=True)
    reported_to_veilig_thuis = models.BooleanField(_("reported to Veilig Thuis"), default=False)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    veilig_thuis_reference = models.CharField(
        _("reference of Veilig Thuis"), max_length=100, blank=True
    )
    reasoning = models.TextField(_("reasoning"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = MeldcodeStepQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step of the reporting code")
        verbose_name_plural = _("steps of the reporting code")
        constraints = [
            models.UniqueConstraint(fields=["concern", "step"], name="meldcode_step_once"),
            models.CheckConstraint(
                name="meldcode_report_has_date_and_reference",
                condition=Q(reported_to_veilig_thuis=False)
                | (Q(reported_on__isnull=False) & ~Q(veilig_thuis_reference="")),
            ),
        ]

    def __str__(self) -> str:
        return self.get_step_display()

    def answers(self) -> list[tuple[int, bool | None, str]]:
        return [
            (n, getattr(self, f"q{n}_answer"), getattr(self, f"q{n}_explanation"))
            for n in range(1, 6)
        ]


class ConcernLinkQuerySet(ScopedQuerySet["ConcernLink"]):
    """``for_user``: the links of the support families whose coordinator (or stand-in) the user
    is; not the safety officer's."""

    scope_path = "family__municipality"
    scope_set = "coordinator_municipality_ids"


class ConcernLink(models.Model):
    """A support parent's personal link for reporting a worry. Only the token's hash is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="concern_links")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="concern_links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConcernLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reporting link")
        verbose_name_plural = _("reporting links")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def is_valid_on(self, day: date) -> bool:
        return self.revoked_at is None and day <= self.expires_on


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    OTHER = "other", _("other")


class ReferralQuerySet(ScopedQuerySet["Referral"]):
    """``for_user``: the referrals of the families in the user's case scope (not a concern: the
    regional coordinator reads them too)."""

    scope_path = "family__municipality"


class Referral(models.Model):
    """A referral to formal help, to an organisation of the municipality's service directory."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="referrals")
    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    organisation = models.ForeignKey(
        ServiceOrganisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("organisation"),
    )
    reason = models.TextField(_("reason"))
    referred_on = models.DateField(_("referred on"))
    outcome = models.CharField(
        _("outcome"),
        max_length=16,
        choices=ReferralOutcome.choices,
        default=ReferralOutcome.PENDING,
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    outcome_on = models.DateField(_("outcome recorded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                name="referral_other_has_note",
                condition=~Q(outcome=ReferralOutcome.OTHER) | ~Q(outcome_note=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"
