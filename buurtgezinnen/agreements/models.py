"""The agreement and house rules of a match: the national office's standard text and topics, the
versions a coordinator fills in per match, and the signatures of every parent and the coordinator.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.families.models import Person
from buurtgezinnen.matching.models import Match
from buurtgezinnen.org.scoping import ScopedQuerySet


class StandardText(models.Model):
    """The national office's text around the topics (one row)."""

    intro = models.TextField(_("introduction"))
    closing = models.TextField(_("closing text"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")

    def __str__(self) -> str:
        return str(_("standard text"))

    @classmethod
    def current(cls) -> StandardText:
        return cls.objects.order_by("pk").first() or cls(intro="", closing="")


class Topic(models.Model):
    """One subject the families agree on (food and allergies, photos, ...)."""

    title = models.CharField(_("title"), max_length=150, unique=True)
    guidance = models.TextField(_("guidance for the coordinator"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNING = "signing", _("being signed")
    SIGNED = "signed", _("signed")
    SUPERSEDED = "superseded", _("superseded")


class AgreementQuerySet(ScopedQuerySet["Agreement"]):
    """``for_user``: the agreements of the matches in the user's case scope (``Match``)."""

    scope_path = "match__request_family__municipality"


class Agreement(models.Model):
    """One version of a match's agreement. ``content`` holds the texts per topic; it is frozen
    (with the standard text and both families' names) when the version is sent for signing."""

    match = models.ForeignKey(Match, on_delete=models.PROTECT, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    content = models.JSONField(_("content"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent for signing at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed by everyone at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="agreements/", blank=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["match", "version"], name="agreement_version_unique"),
            # At most one version in the making (draft or being signed) per match.
            models.UniqueConstraint(
                fields=["match"],
                condition=Q(status__in=["draft", "signing"]),
                name="agreement_one_open_version",
            ),
            models.CheckConstraint(
                name="agreement_signed_has_pdf",
                condition=~Q(status="signed") | (~Q(pdf="") & ~Q(checksum="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.match_id} v{self.version}"

    def topic_texts(self) -> dict[int, str]:
        """The coordinator's text per topic id."""
        return {int(t["topic"]): t.get("text", "") for t in self.content.get("topics", [])}


class SignerRole(models.TextChoices):
    REQUEST_PARENT = "request_parent", _("parent of the requesting family")
    SUPPORT_PARENT = "support_parent", _("parent of the support family")
    COORDINATOR = "coordinator", _("coordinator")


class SignatureQuerySet(ScopedQuerySet["Signature"]):
    scope_path = "agreement__match__request_family__municipality"


class Signature(models.Model):
    """One signer of one version: a parent (by personal link) or the coordinator (in the app).

    The link's secret is never stored: only its SHA-256 hash, which is replaced on a resend and
    cleared once used, so a link works once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    role = models.CharField(_("signs as"), max_length=16, choices=SignerRole.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=260)
    first_name = models.CharField(_("first name"), max_length=100)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True)
    link_expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    typed_name = models.CharField(_("typed name"), max_length=260, blank=True)
    consent = models.BooleanField(_("agreed"), default=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                condition=Q(person__isnull=False),
                name="signature_one_per_person",
            ),
            models.CheckConstraint(
                name="signature_signed_with_consent",
                condition=Q(signed_at__isnull=True) | (Q(consent=True) & ~Q(typed_name="")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None
