import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurtgezinnen.demo import national


class Command(BaseCommand):
    help = (
        "Fills an EMPTY database with the national data set for benchmarks: 150 real "
        "municipalities in regions, their staff, families in every state with everything the app "
        "writes about them, matches in every state, and the access log (buurtgezinnen/demo/"
        "national.py). Refuses a database that holds any municipality, family or user. Every "
        f"staff user gets the password {national.BENCH_PASSWORD!r} (a login still needs TOTP); "
        "never load it where real people work."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--families",
            type=int,
            default=national.DEFAULT_FAMILIES,
            help=f"How many families (default {national.DEFAULT_FAMILIES}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=national.SEED,
            help=f"The random seed (default {national.SEED}): the same seed gives the same data.",
        )
        parser.add_argument(
            "--access-log-rows",
            type=int,
            default=None,
            help=(
                f"Rows in the access log (default {national.ACCESS_LOG_ROWS_PER_FAMILY} per "
                "family)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["families"] < 1:
            raise CommandError("--families must be at least 1.")
        reason = national.refusal()
        if reason:
            raise CommandError(reason)
        started = time.monotonic()
        counts = national.Generator(
            families=options["families"],
            seed=options["seed"],
            access_log_rows=options["access_log_rows"],
            say=self.stdout.write,
        ).run()
        for label, rows in counts.rows.items():
            self.stdout.write(f"  {label}: {rows:,}")
        total = sum(counts.rows.values())
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"National data set: {total:,} rows in {seconds:.1f} s.")
        )
