"""The first account of a new installation: a national-office user who gets an invitation mail."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Role, User


class Command(BaseCommand):
    help = "Creates a national-office user and mails them a link to choose a password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise CommandError("A user with this e-mail address exists already.")
        with transaction.atomic():
            user = actions.create_user(
                by=None,
                email=email,
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
            actions.assign_role(user=user, by=None, role=Role.NATIONAL_OFFICE)
        self.stdout.write(self.style.SUCCESS("National-office user created; invitation sent."))
