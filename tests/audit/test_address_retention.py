"""Staff members' addresses are kept policy.ACCESS_LOG_ADDRESS_DAYS days (audit.tasks)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessLog as LoginLog
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.audit.tasks import forget_old_addresses
from tests.conftest import World


@pytest.mark.django_db
def test_old_addresses_are_forgotten_and_the_reads_kept(world: World) -> None:
    reader = world.users["national_office"]
    now = timezone.now()
    old_at = now - timedelta(days=policy.ACCESS_LOG_ADDRESS_DAYS + 1)
    recent_at = now - timedelta(days=policy.ACCESS_LOG_ADDRESS_DAYS - 1)
    entry = {"user": reader, "roles": "national_office", "record_type": "org.user"}
    old = AccessLog.objects.create(at=old_at, record_id="1", client_address="198.51.100.1", **entry)
    recent = AccessLog.objects.create(
        at=recent_at, record_id="2", client_address="198.51.100.2", **entry
    )
    login = {"username": reader.email, "user_agent": "test", "http_accept": "", "path_info": "/"}
    old_login = LoginLog.objects.create(ip_address="198.51.100.1", **login)
    recent_login = LoginLog.objects.create(ip_address="198.51.100.2", **login)
    LoginLog.objects.filter(pk=old_login.pk).update(attempt_time=old_at)
    LoginLog.objects.filter(pk=recent_login.pk).update(attempt_time=recent_at)

    forget_old_addresses.call_local()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.client_address is None and old.record_id == "1"  # the read itself stays
    assert recent.client_address == "198.51.100.2"
    assert list(LoginLog.objects.values_list("pk", flat=True)) == [recent_login.pk]
