"""A match in the agreement stage, and the links its parents get by mail."""

from __future__ import annotations

import re

from django.core import mail
from django.test import TestCase

from buurtgezinnen.agreements import actions
from buurtgezinnen.agreements.models import Agreement, StandardText, Topic
from buurtgezinnen.agreements.seed import ensure_seeded
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import Match
from tests.conftest import World


def coordinator_for(world: World, municipality):
    key = "coordinator_amersfoort" if municipality == world.amersfoort else "coordinator_utrecht"
    return world.users[key]


def make_match(world: World, municipality=None) -> Match:
    from tests.matching.test_proposals import available, waiting

    municipality = municipality or world.utrecht
    by = coordinator_for(world, municipality)
    proposal = matching_actions.propose(
        request_family=waiting(world, municipality),
        support_family=available(world, municipality=municipality),
        by=by,
    )
    matching_actions.record_outcome(proposal=proposal, by=by, click=True)
    return Match.objects.get(proposal=proposal)


def fill_in(match: Match, by) -> Agreement:
    ensure_seeded(StandardText, Topic)  # a browser test's flush empties the seeded tables
    texts = {
        t.pk: f"Afspraak over {t.title.lower()}." for t in Topic.objects.filter(is_active=True)
    }
    return actions.save_draft(match=match, by=by, texts=texts)


def links_in_outbox() -> dict[str, str]:
    """E-mail address → the token in the last link mailed to it."""
    found = {}
    for message in mail.outbox:
        hit = re.search(r"/ondertekenen/([A-Za-z0-9_-]{40,})/", message.body)
        if hit:
            found[message.to[0]] = hit.group(1)
    return found


def sent_agreement(world: World, municipality=None) -> tuple[Agreement, dict[str, str]]:
    """A match whose version 1 is out for signing, and the tokens by e-mail address."""
    match = make_match(world, municipality)
    by = coordinator_for(world, match.request_family.municipality)
    agreement = fill_in(match, by)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        agreement = actions.send_for_signing(agreement=agreement, by=by)
    return agreement, links_in_outbox()
