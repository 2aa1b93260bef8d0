"""Background work of recruitment (huey): the deeper anonymity check."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def deep_check_profile(profile_id: int) -> None:
    """Runs deduce over the profile's current text and stores what it finds (or that it failed)."""
    from buurtgezinnen.recruitment.actions import run_deep_check

    run_deep_check(profile_id=profile_id)
