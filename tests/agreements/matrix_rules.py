"""Who may use the agreement's pages.

The national office keeps the standard text and the topics; case workers of the requesting
family's municipality work on a match's agreement (404 outside their scope). The signing page is
public: the token in the URL is the key, so every visitor with a valid link gets the page."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, NATIONAL, Rule


def _target(world: World, side: str):
    return world.utrecht if side == "utrecht" else world.amersfoort


def match_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.agreements.helpers import make_match

    target = _target(world, side)
    return {"pk": make_match(world, target).pk}, target.slug


def draft_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.agreements.helpers import coordinator_for, fill_in, make_match

    target = _target(world, side)
    match = make_match(world, target)
    fill_in(match, coordinator_for(world, target))
    return {"pk": match.pk}, target.slug


def signing_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.agreements.helpers import sent_agreement

    target = _target(world, side)
    agreement, _links = sent_agreement(world, target)
    return {"pk": agreement.match_id}, target.slug


def signature_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.agreements.helpers import sent_agreement

    target = _target(world, side)
    agreement, _links = sent_agreement(world, target)
    return {"pk": agreement.match_id, "signature_pk": agreement.signatures.first().pk}, target.slug


def signed_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A signed version 1 with a PDF (a stand-in file: the matrix is about access)."""
    from django.core.files.base import ContentFile

    from buurtgezinnen.agreements.models import Agreement, AgreementStatus

    kwargs, slug = match_kwargs(world, side)
    document = b"%PDF-1.7 stand-in"
    agreement = Agreement(
        match_id=kwargs["pk"],
        version=1,
        status=AgreementStatus.SIGNED,
        content={"topics": []},
        checksum=hashlib.sha256(document).hexdigest(),
    )
    agreement.pdf.save("matrix.pdf", ContentFile(document), save=True)
    return {**kwargs, "version": 1}, slug


def token_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A valid link of a parent (a fresh one per request)."""
    from tests.agreements.helpers import sent_agreement

    _agreement, links = sent_agreement(world, _target(world, side))
    return {"token": next(iter(links.values()))}, None


def topic_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.agreements.models import Topic

    topic, _ = Topic.objects.get_or_create(title="Logeren")
    return {"pk": topic.pk}, None


def draft_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.agreements.models import Topic

    return {f"topic_{t.pk}": f"Nieuw: {t.title}." for t in Topic.objects.filter(is_active=True)}


def co_sign_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Every parent has signed (set directly: only the coordinator's signature is the test)."""
    from django.utils import timezone

    from buurtgezinnen.agreements.models import Signature

    Signature.objects.filter(agreement__match_id=kwargs["pk"]).update(
        signed_at=timezone.now(), typed_name="Ouder", consent=True, token_hash=""
    )
    return {"typed_name": "Coördinator", "consent": "on"}


CASE = {"roles": CASE_WORKERS, "scoped": True, "scope": "case"}
POST = {"method": "POST", "ok": (302,), "post": {}}
TEXT = {"intro": "Welkom bij Buurtgezinnen.", "closing": "Veel plezier samen."}
TOPIC = {"title": "Vakantie", "guidance": "Wie regelt wat?", "position": "9", "is_active": "on"}

RULES: dict[str, Rule] = {
    # base (8) + standard text, topics (2) = 10
    "agreements:standard": Rule(roles=NATIONAL, max_queries=12, shows="none"),
    # base (8) + standard text (1) = 9
    "agreements:standard_edit": Rule(roles=NATIONAL, max_queries=12, shows="none", post=TEXT),
    # base (8) = 8, +2 margin
    "agreements:topic_create": Rule(roles=NATIONAL, max_queries=10, shows="none", post=TOPIC),
    # base (8) + topic (1) = 9
    "agreements:topic_edit": Rule(
        roles=NATIONAL, max_queries=12, objects=topic_kwargs, post={**TOPIC, "title": "Logeren"}
    ),
    # base (8) + match, agreement, signatures, topics, access log, parents (6) = 14
    "agreements:match": Rule(
        objects=draft_kwargs, logs_read=True, max_queries=16, post=draft_post, **CASE
    ),
    # base (8) + reads (9) + agreement, 2 signatures written (12) + events x3 (3) + 2 sp = 34, +2
    "agreements:send": Rule(objects=draft_kwargs, max_queries=36, **POST, **CASE),
    # base (8) + match x2, agreement x3, update, insert, change log x2, 3 events + 2 sp = 22, +2
    "agreements:new_version": Rule(objects=signing_kwargs, max_queries=24, **POST, **CASE),
    # base (8) + match x3, signature x3, parents, change log, update, event (10) + 2 sp = 20, +2
    "agreements:resend": Rule(objects=signature_kwargs, max_queries=22, **POST, **CASE),
    "agreements:co_sign": Rule(
        objects=signing_kwargs,
        data={"typed_name": "Coördinator", "consent": "on"},
        # base (8) + match x3, agreement x2, signatures (6) + 3 sp = 17, +2 margin
        max_queries=19,
        **{**POST, "post": co_sign_post},
        **CASE,
    ),
    # base (8) + agreement, signatures, access log (3) = 11
    "agreements:version": Rule(objects=signed_kwargs, logs_read=True, max_queries=14, **CASE),
    # base (8) + agreement, signatures, access log (3) = 11
    "agreements:pdf": Rule(objects=signed_kwargs, logs_read=True, max_queries=14, **CASE),
    "agreements:sign": Rule(
        public=True,
        objects=token_kwargs,
        ok=(200,),
        # base (8) + signature by its token (1) = 9
        max_queries=12,
        post_exempt="the token is the key: its holder may sign (tests/agreements/test_signing.py)",
    ),
    # base (8) = 8
    "agreements:signed": Rule(public=True, ok=(200,), max_queries=10, shows="none"),
}
