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


CASE = {"roles": CASE_WORKERS, "scoped": True, "scope": "case"}
POST = {"method": "POST", "ok": (302,)}

RULES: dict[str, Rule] = {
    "agreements:standard": Rule(roles=NATIONAL, max_queries=12),
    "agreements:standard_edit": Rule(roles=NATIONAL, max_queries=12),
    "agreements:topic_create": Rule(roles=NATIONAL, max_queries=12),
    "agreements:topic_edit": Rule(roles=NATIONAL, max_queries=12, objects=topic_kwargs),
    "agreements:match": Rule(objects=draft_kwargs, logs_read=True, max_queries=16, **CASE),
    "agreements:send": Rule(objects=draft_kwargs, max_queries=80, **POST, **CASE),
    "agreements:new_version": Rule(objects=signing_kwargs, max_queries=40, **POST, **CASE),
    "agreements:resend": Rule(objects=signature_kwargs, max_queries=30, **POST, **CASE),
    "agreements:co_sign": Rule(
        objects=signing_kwargs,
        data={"typed_name": "Coördinator", "consent": "on"},
        max_queries=30,
        **POST,
        **CASE,
    ),
    "agreements:version": Rule(objects=signed_kwargs, logs_read=True, max_queries=14, **CASE),
    "agreements:pdf": Rule(objects=signed_kwargs, logs_read=True, max_queries=14, **CASE),
    "agreements:sign": Rule(public=True, objects=token_kwargs, ok=(200,), max_queries=12),
    "agreements:signed": Rule(public=True, ok=(200,), max_queries=10),
}
