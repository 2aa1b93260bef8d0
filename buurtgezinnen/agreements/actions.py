"""Every change to an agreement goes through one of these functions.

Keyword-only, atomic, with ``by=`` the acting user (``None`` for a parent signing by link). A
parent's link is a random secret of which only the SHA-256 hash is stored; it expires after
``policy.SIGNING_LINK_DAYS``, works once, and stops working when a fresh one is sent or the
version is superseded. The coordinator signs last; then the PDF is made and stored with its
checksum, and the first signed version starts the match's trial period.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.agreements import pdf, tasks
from buurtgezinnen.agreements.models import (
    Agreement,
    AgreementStatus,
    Signature,
    SignerRole,
    StandardText,
    Topic,
)
from buurtgezinnen.core import tokens
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.core.unchanged import UNCHANGED, Unchanged, write
from buurtgezinnen.families.actions import record_event, require_case_worker
from buurtgezinnen.families.models import EventKind, Person
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import Match, MatchEvent, MatchStatus
from buurtgezinnen.org.models import Role, User
from buurtgezinnen.org.scoping import scope_for

OPEN_VERSION = (AgreementStatus.DRAFT, AgreementStatus.SIGNING)


# --- the national office's standard text and topics ----------------------------------------------


def _require_national_office(by: User) -> None:
    if Role.NATIONAL_OFFICE not in scope_for(by).roles:
        raise ActionRefused(_("Only the national office keeps the standard agreement."))


@transaction.atomic
def save_standard_text(*, by: User, intro: str, closing: str) -> StandardText:
    _require_national_office(by)
    text = StandardText.objects.select_for_update().order_by("pk").first() or StandardText()
    text.intro, text.closing = intro, closing
    with set_actor(by):
        text.full_clean()
        text.save()
    return text


@transaction.atomic
def save_topic(
    *,
    topic: Topic | None = None,
    by: User,
    title: str | Unchanged = UNCHANGED,
    guidance: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
) -> Topic:
    """A topic of the standard agreement; what is not given stays as it is."""
    _require_national_office(by)
    topic = topic or Topic()
    write(
        topic, {"title": title, "guidance": guidance, "position": position, "is_active": is_active}
    )
    with set_actor(by):
        topic.full_clean()
        topic.save()
    return topic


# --- a match's versions ---------------------------------------------------------------------------


def _locked_match(match: Match, by: User) -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request_family", "support_family")
        .get(pk=match.pk)
    )
    require_case_worker(by, locked.request_family)
    if not locked.is_open:
        raise ValidationError(_("This match is closed; its agreement can no longer change."))
    return locked


def _event(match: Match, by: User | None, detail: str) -> None:
    """On the match's timeline and on both families' timelines."""
    MatchEvent.objects.create(match=match, by=by, detail=detail)
    record_event(match.request_family, by, EventKind.CHANGED, detail=detail)
    record_event(match.support_family, by, EventKind.CHANGED, detail=detail)


def latest(match: Match) -> Agreement | None:
    return Agreement.objects.filter(match=match).order_by("-version").first()


def _new_draft(match: Match, by: User) -> Agreement:
    last = latest(match)
    topics = last.content.get("topics", []) if last else []
    with set_actor(by):
        return Agreement.objects.create(
            match=match,
            version=(last.version + 1) if last else 1,
            content={"topics": [{"topic": t["topic"], "text": t["text"]} for t in topics]},
            created_by=by,
        )


@transaction.atomic
def save_draft(*, match: Match, by: User, texts: Mapping[int, str]) -> Agreement:
    """The coordinator's text per topic. Makes version 1 when there is none yet."""
    match = _locked_match(match, by)
    current = latest(match)
    if current is not None and current.status == AgreementStatus.SIGNING:
        raise ValidationError(
            _("This version is being signed. Make a new version to change the agreement.")
        )
    if current is None or current.status != AgreementStatus.DRAFT:
        if current is not None:
            raise ValidationError(_("Make a new version to change a signed agreement."))
        current = _new_draft(match, by)
    topics = Topic.objects.filter(is_active=True)
    kept = current.topic_texts()
    kept.update({int(k): v.strip() for k, v in texts.items()})
    current.content = {
        "topics": [{"topic": t.pk, "text": kept.get(t.pk, "")} for t in topics if t.pk in kept]
    }
    with set_actor(by):
        current.save(update_fields=["content"])
    return current


@transaction.atomic
def new_version(*, match: Match, by: User) -> Agreement:
    """A change after sending: version n+1 as a draft, prefilled from the last one. A version
    still being signed is superseded (its links stop working); a signed one stays valid until
    the new version is signed."""
    match = _locked_match(match, by)
    current = latest(match)
    if current is None:
        raise ValidationError(_("There is no agreement yet."))
    if current.status == AgreementStatus.DRAFT:
        return current
    if current.status == AgreementStatus.SIGNING:
        current.status = AgreementStatus.SUPERSEDED
        with set_actor(by):
            current.save(update_fields=["status"])
    draft = _new_draft(match, by)
    _event(match, by, _("Agreement: version %(version)s started") % {"version": draft.version})
    return draft


def signers(match: Match) -> list[tuple[Person, str]]:
    """Every parent of both families, with the role they sign in."""
    people = Person.objects.filter(
        family_id__in=(match.request_family_id, match.support_family_id)
    ).order_by("family_id", "pk")
    return [
        (
            person,
            SignerRole.REQUEST_PARENT
            if person.family_id == match.request_family_id
            else SignerRole.SUPPORT_PARENT,
        )
        for person in people
    ]


def _issue_link(signature: Signature) -> str:
    token = tokens.new_secret()
    now = timezone.now()
    signature.token_hash = tokens.hash_secret(token)
    signature.link_sent_at = now
    signature.link_expires_at = now + timedelta(days=policy.SIGNING_LINK_DAYS)
    signature.save(update_fields=["token_hash", "link_sent_at", "link_expires_at"])
    signature_id = signature.pk
    transaction.on_commit(lambda: tasks.send_signing_link(signature_id, token))
    return token


@transaction.atomic
def send_for_signing(*, agreement: Agreement, by: User) -> Agreement:
    """Freezes the version and mails every parent a personal link."""
    match = _locked_match(agreement.match, by)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for signing."))
    texts = agreement.topic_texts()
    topics = list(Topic.objects.filter(is_active=True))
    if not topics:
        raise ValidationError(_("The national office has not set any topics yet."))
    empty = [t.title for t in topics if not texts.get(t.pk, "").strip()]
    if empty:
        raise ValidationError(
            _("Fill in every topic first (write “not applicable” where it does not apply): %(t)s")
            % {"t": ", ".join(empty)}
        )
    people = signers(match)
    if not any(role == SignerRole.REQUEST_PARENT for _p, role in people) or not any(
        role == SignerRole.SUPPORT_PARENT for _p, role in people
    ):
        raise ValidationError(_("Both families need at least one parent."))
    missing = [str(p) for p, _role in people if not p.email]
    if missing:
        raise ValidationError(
            _("Add an e-mail address on the family page for: %(names)s")
            % {"names": ", ".join(missing)}
        )
    standard = StandardText.current()
    agreement.content = {
        "intro": standard.intro,
        "closing": standard.closing,
        "request_family": match.request_family.name,
        "support_family": match.support_family.name,
        "topics": [{"topic": t.pk, "title": t.title, "text": texts[t.pk]} for t in topics],
    }
    agreement.status = AgreementStatus.SIGNING
    agreement.sent_at = timezone.now()
    # The raw links exist only here and in the mails; the caller gets them on the returned
    # object (not stored) for a hand-over without mail, as the demo data does.
    links: dict[int, str] = {}
    with set_actor(by):
        agreement.save(update_fields=["content", "status", "sent_at"])
        for person, role in people:
            signature = Signature.objects.create(
                agreement=agreement,
                role=role,
                person=person,
                name=str(person),
                first_name=person.first_name,
            )
            links[signature.pk] = _issue_link(signature)
    agreement.issued_links = links  # type: ignore[attr-defined]  # not a field: for the demo
    _event(
        match,
        by,
        _("Agreement version %(version)s sent for signing to %(count)s parents")
        % {"version": agreement.version, "count": len(people)},
    )
    return agreement


@transaction.atomic
def resend_link(*, signature: Signature, by: User) -> Signature:
    """A fresh link; the old one stops working."""
    signature = (
        Signature.objects.select_for_update().select_related("agreement").get(pk=signature.pk)
    )
    match = _locked_match(signature.agreement.match, by)
    if signature.agreement.status != AgreementStatus.SIGNING or signature.person_id is None:
        raise ValidationError(_("This version is not being signed."))
    if signature.is_signed:
        raise ValidationError(_("%(name)s has signed already.") % {"name": signature.first_name})
    person = Person.objects.filter(pk=signature.person_id).first()
    if person is None or not person.email:
        raise ValidationError(_("Add an e-mail address on the family page first."))
    with set_actor(by):
        _issue_link(signature)
    MatchEvent.objects.create(
        match=match,
        by=by,
        detail=_("New signing link sent to %(name)s") % {"name": signature.first_name},
    )
    return signature


class LinkProblem(Exception):
    """A signing link that does not work, with the Dutch page and status to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def signature_for_token(token: str, *, lock: bool = False) -> Signature:
    """The signature a link belongs to, or ``LinkProblem`` (404 unknown, 410 no longer valid)."""
    unknown = LinkProblem(404, _("This link is not known. Perhaps a newer link was sent to you."))
    if not token or len(token) > 100:
        raise unknown
    queryset = Signature.objects.select_related(
        "agreement__match__request_family", "agreement__match__support_family"
    )
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    signature = queryset.filter(token_hash=tokens.hash_secret(token), person__isnull=False).first()
    if signature is None:
        raise unknown
    if signature.is_signed:
        raise LinkProblem(410, _("You have signed already. This link works only once."))
    if not signature.agreement.match.is_open:
        raise LinkProblem(410, _("This match has ended; the agreement no longer needs signing."))
    if signature.agreement.status != AgreementStatus.SIGNING:
        raise LinkProblem(
            410, _("This version of the agreement has been replaced. Ask the coordinator.")
        )
    if signature.link_expires_at is None or signature.link_expires_at < timezone.now():
        raise LinkProblem(410, _("This link has expired. Ask the coordinator for a new one."))
    return signature


@transaction.atomic
def sign_by_link(*, token: str, typed_name: str, consent: bool, ip: str | None) -> Signature:
    signature = signature_for_token(token, lock=True)
    errors = {}
    if len(typed_name.strip()) < 2:
        errors["typed_name"] = _("Type your full name.")
    if not consent:
        errors["consent"] = _("Tick the box to say you agree.")
    if errors:
        raise ValidationError(errors)
    signature.typed_name = typed_name.strip()[:260]
    signature.consent = True
    signature.signed_at = timezone.now()
    signature.ip_address = ip or None
    with set_actor(None):
        signature.save(update_fields=["typed_name", "consent", "signed_at", "ip_address"])
    MatchEvent.objects.create(
        match=signature.agreement.match,
        detail=_("Agreement version %(version)s signed by %(name)s")
        % {"version": signature.agreement.version, "name": signature.first_name},
    )
    return signature


def not_signed(agreement: Agreement) -> list[Signature]:
    return [s for s in agreement.signatures.all() if not s.is_signed]


@transaction.atomic
def sign_as_coordinator(
    *, agreement: Agreement, by: User, typed_name: str, consent: bool, ip: str | None = None
) -> Agreement:
    """The coordinator signs last. Then the PDF is stored with its checksum, earlier signed
    versions are superseded and the first version starts the trial period."""
    match = _locked_match(agreement.match, by)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.SIGNING:
        raise ValidationError(_("This version is not being signed."))
    waiting = not_signed(agreement)
    if waiting:
        raise ValidationError(
            _("The coordinator signs last. Still waiting for: %(names)s")
            % {"names": ", ".join(s.first_name for s in waiting)}
        )
    errors = {}
    if len(typed_name.strip()) < 2:
        errors["typed_name"] = _("Type your full name.")
    if not consent:
        errors["consent"] = _("Tick the box to say you agree.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with set_actor(by):
        Signature.objects.create(
            agreement=agreement,
            role=SignerRole.COORDINATOR,
            user=by,
            name=by.get_full_name(),
            first_name=by.first_name,
            typed_name=typed_name.strip()[:260],
            consent=True,
            signed_at=now,
            ip_address=ip or None,
        )
        document = pdf.render(agreement, match)
        agreement.pdf.save(
            f"afspraken-{match.pk}-v{agreement.version}.pdf", ContentFile(document), save=False
        )
        agreement.checksum = hashlib.sha256(document).hexdigest()
        agreement.status = AgreementStatus.SIGNED
        agreement.signed_at = now
        agreement.save(update_fields=["pdf", "checksum", "status", "signed_at"])
        for older in Agreement.objects.filter(match=match, status=AgreementStatus.SIGNED).exclude(
            pk=agreement.pk
        ):
            older.status = AgreementStatus.SUPERSEDED
            older.save(update_fields=["status"])
    _event(
        match,
        by,
        _("Agreement version %(version)s signed by everyone") % {"version": agreement.version},
    )
    if match.status == MatchStatus.AGREEMENT:
        matching_actions.start_trial(match=match, by=by, on=timezone.localdate(now))
    return agreement
