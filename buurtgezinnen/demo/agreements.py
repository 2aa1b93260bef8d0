"""Demo agreements: every demo match gets its agreement filled in; all but the last are signed by
every parent and the coordinator (so the PDF exists and the trial has started); the last awaits
two signatures. Idempotent: skipped when agreements exist. Everything goes through the actions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from buurtgezinnen.agreements import actions
from buurtgezinnen.agreements.models import Agreement, StandardText, Topic
from buurtgezinnen.agreements.seed import ensure_seeded
from buurtgezinnen.demo.families import ACTIVE, coordinator_of
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import Match, MatchStatus
from buurtgezinnen.org.models import Municipality, User

# Plain texts a coordinator might write with two families, per topic (by position in the seed).
TEXTS = {
    "Welke steun": "Het steungezin vangt de kinderen op: spelen, samen eten, huiswerk maken.",
    "Welke dag en hoe vaak": "Elke woensdagmiddag van 12.30 tot 18.00 uur. In de "
    "schoolvakanties spreken we per keer af.",
    "Brengen en halen": "Het steungezin haalt de kinderen uit school; moeder haalt ze om 18.00 uur "
    "op.",
    "Logeren": "Voorlopig niet. We bespreken het bij de evaluatie.",
    "Eten en allergieën": "Geen varkensvlees. De jongste is allergisch voor pinda's.",
    "Medicijnen": "Niet van toepassing.",
    "Foto's van de kinderen en sociale media": "Foto's alleen voor de ouders, niets op sociale "
    "media.",
    "Roken en alcohol": "Niet roken in huis en niet waar de kinderen bij zijn.",
    "Vervoer en autostoeltjes": "Op de fiets of lopend. Met de auto alleen met een zitverhoger.",
    "Ziekte en afzeggen": "Wie ziek is, belt of appt dezelfde ochtend vóór 10.00 uur.",
    "Elkaar bereiken": "Via de app; in een noodgeval bellen. Reserve: de oma van de kinderen.",
    "Wat als je je zorgen maakt": "We vertellen het de coördinator. Bij gevaar bellen we 112.",
    "Vertrouwelijkheid": "Wat we van elkaar weten, blijft tussen ons en de coördinator.",
}
EXTRA_MATCHES = 2


@transaction.atomic
def load_agreements() -> None:
    if Agreement.objects.exists():
        return
    ensure_seeded(StandardText, Topic)
    _extra_matches()
    matches = list(
        Match.objects.filter(status=MatchStatus.AGREEMENT)
        .select_related("request_family__municipality")
        .order_by("pk")
    )
    for number, match in enumerate(matches):
        coordinator = coordinator_of(match.request_family.municipality)
        if coordinator is not None:
            sign(match, coordinator, awaiting=2 if number == len(matches) - 1 else 0)


def sign(match: Match, coordinator: User, awaiting: int = 0) -> Agreement | None:
    """Fill in, send and sign ``match``'s agreement; ``awaiting`` parents have not signed yet
    (and then neither has the coordinator). None when it cannot be sent (e.g. no e-mail)."""
    ensure_seeded(StandardText, Topic)
    topics = list(Topic.objects.filter(is_active=True))
    texts = {t.pk: TEXTS.get(t.title, "Zoals besproken met beide gezinnen.") for t in topics}
    try:
        draft = actions.save_draft(match=match, by=coordinator, texts=texts)
        sent = actions.send_for_signing(agreement=draft, by=coordinator)
    except ValidationError:
        return None  # e.g. a parent without an e-mail address: left as a draft
    links = list(sent.issued_links.values())  # type: ignore[attr-defined]  # set by send_for_signing
    for token in links[: len(links) - awaiting]:
        signature = actions.signature_for_token(token)
        actions.sign_by_link(
            token=token, typed_name=signature.name, consent=True, ip="198.51.100.20"
        )
    if not awaiting:
        actions.sign_as_coordinator(
            agreement=sent, by=coordinator, typed_name=coordinator.get_full_name(), consent=True
        )
    return sent


def _extra_matches() -> None:
    """A few more clicks, from waiting families and available support families with room."""
    made = 0
    for municipality in Municipality.objects.filter(cbs_code__in=ACTIVE).order_by("cbs_code"):
        coordinator = coordinator_of(municipality)
        if coordinator is None or made >= EXTRA_MATCHES:
            continue
        waiting = Family.objects.filter(
            municipality=municipality, kind=Kind.REQUEST, status=Status.WAITING
        ).exclude(proposals_received__status__in=("proposed", "introduction"))
        support = (
            Family.objects.filter(
                municipality=municipality, kind=Kind.SUPPORT, status=Status.AVAILABLE
            )
            .select_related("offer")
            .order_by("pk")
        )
        for family in waiting.order_by("waiting_since", "pk")[:1]:
            for candidate in support:
                try:
                    proposal = matching_actions.propose(
                        request_family=family, support_family=candidate, by=coordinator
                    )
                    matching_actions.record_outcome(proposal=proposal, by=coordinator, click=True)
                except ValidationError:
                    continue
                made += 1
                break
