"""Prepare the demo: migrate, create the demo site and accounts, print the login once."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.demo import DEMO_SEED, demo_site
from clinic.models import Membership
from intake.demo import create_demo_households

DEMO_HOUSEHOLDS = 24
DEMO_ACCOUNTS = [
    ("demo-volunteer", Membership.Role.VOLUNTEER, False),
    ("demo-coordinator", Membership.Role.COORDINATOR, False),
    ("demo-editor", Membership.Role.EDITOR, True),
]


class Command(BaseCommand):
    help = (
        "Migrate, create the demo site and demo accounts (random passwords, printed once) "
        "for the demo profile. Running it again reuses what exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-passwords", action="store_true", help="Set and print new random passwords."
        )

    def handle(self, *args, new_passwords: bool = False, **options):
        if not settings.DEMO:
            raise CommandError("demo_setup only runs in the demo profile (CONFIANZA_PROFILE=demo).")
        call_command("migrate", interactive=False, verbosity=0)
        User = get_user_model()
        printed: list[tuple[str, str, str]] = []
        with transaction.atomic():
            site = demo_site()
            for username, role, staff in DEMO_ACCOUNTS:
                user = User.objects.filter(username=username).first()
                if user is None or new_passwords:
                    password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
                    if user is None:
                        user = User.objects.create_user(username=username, password=password, is_staff=staff)
                    else:
                        user.set_password(password)
                        user.save(update_fields=["password"])
                    printed.append((username, str(role.label), password))
                Membership.objects.get_or_create(user=user, site=site, defaults={"role": role})
        if not site.households.exists():
            create_demo_households(site=site, count=DEMO_HOUSEHOLDS, seed=DEMO_SEED)
            self.stdout.write(f"Added {DEMO_HOUSEHOLDS} synthetic, clearly fake households to the demo site.")
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {site.name}"))
        if printed:
            self.stdout.write("Demo logins (shown once; not stored anywhere in plain text):")
            for username, role, password in printed:
                self.stdout.write(f"  {role:<18} user: {username:<18} password: {password}")
        else:
            self.stdout.write(
                "Demo accounts exist; their passwords were printed when they were created. "
                "New ones: CONFIANZA_PROFILE=demo .venv/bin/python manage.py demo_setup --new-passwords"
            )
        self.stdout.write("Open http://127.0.0.1:8000/ — Demo only: do not enter real client data.")
