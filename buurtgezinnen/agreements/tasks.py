"""Mail with a parent's personal signing link, sent by the huey worker after the commit."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from buurtgezinnen.core import mail, tokens


@db_task(retries=3, retry_delay=60)
def send_signing_link(signature_id: int, token: str) -> None:
    """The link goes only to the person's own address; the mail names the families, nothing
    more. A link replaced in the meantime is not sent."""
    from buurtgezinnen.agreements.models import Signature

    signature = (
        Signature.objects.select_related(
            "person", "agreement__match__request_family", "agreement__match__support_family"
        )
        .filter(pk=signature_id, token_hash=tokens.hash_secret(token), signed_at__isnull=True)
        .first()
    )
    if signature is None or signature.person is None or not signature.person.email:
        return
    match = signature.agreement.match
    context = {
        "first_name": signature.person.first_name,
        "link": mail.absolute("agreements:sign", token),
        "expires": signature.link_expires_at,
        "request_family": match.request_family.name,
        "support_family": match.support_family.name,
    }
    mail.send("agreements/mail/signing_link", context, [signature.person.email])
