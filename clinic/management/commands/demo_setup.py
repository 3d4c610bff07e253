"""Prepare the demo: migrate, create the demo site and accounts, print the login once."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.models import Membership, Site

DEMO_SITE = {
    "slug": "demo",
    "name": "Demo Free Tax Clinic",
    "phone": "(555) 010-0100",
    "hours": "Tue–Thu 5–8 pm, Sat 9 am–1 pm",
    "hours_translations": {"es": "mar. a jue. de 5 a 8 p. m., sáb. de 9 a. m. a 1 p. m."},
    "languages": ["en", "es"],
}
# An obviously fake referral list (555-01xx numbers are reserved for fiction), so a coordinator
# sees what a real one looks like and knows to replace it.
DEMO_REFERRALS = [
    {
        "kind": "legal",
        "name": "Example Immigration Legal Aid (demo, not real)",
        "phone": "(555) 010-0111",
        "hours": "Mon–Fri 9 am–5 pm",
        "note": "Free. Call first for an appointment.",
        "translations": {
            "es": {
                "name": "Ayuda Legal de Inmigración de Ejemplo (demo, no es real)",
                "hours": "lun. a vie. de 9 a. m. a 5 p. m.",
                "note": "Gratis. Llame antes para una cita.",
            }
        },
    },
    {
        "kind": "w7",
        "name": "Example W-7 Help Desk (demo, not real)",
        "phone": "(555) 010-0122",
        "hours": "Sat 9 am–1 pm",
        "note": "Helps you fill out Form W-7.",
        "translations": {
            "es": {
                "name": "Ayuda de Ejemplo con el W-7 (demo, no es real)",
                "hours": "sáb. de 9 a. m. a 1 p. m.",
                "note": "Le ayuda a llenar el Formulario W-7.",
            }
        },
    },
    {
        "kind": "helpline",
        "name": "Example community help line (demo, not real)",
        "phone": "(555) 010-0133",
        "hours": "Every day",
        "note": "Food, housing and local services.",
        "translations": {
            "es": {
                "name": "Línea de ayuda comunitaria de ejemplo (demo, no es real)",
                "hours": "Todos los días",
                "note": "Comida, vivienda y servicios locales.",
            }
        },
    },
    {
        "kind": "irs",
        "name": "Example IRS phone line (demo: put the number your site trusts)",
        "phone": "(555) 010-0144",
        "hours": "",
        "note": "",
        "translations": {"es": {"name": "Línea del IRS de ejemplo (demo: ponga el número que use su clínica)"}},
    },
]
DEMO_HOUSEHOLDS = 24
DEMO_ACCOUNTS = [
    ("demo-volunteer", Membership.Role.VOLUNTEER, False),
    ("demo-coordinator", Membership.Role.COORDINATOR, False),
    ("demo-editor", Membership.Role.EDITOR, True),
]


def demo_site() -> Site:
    """Return the demo site, creating it if missing."""
    from clinic.models import Referral

    site, created = Site.objects.get_or_create(slug=DEMO_SITE["slug"], defaults=DEMO_SITE)
    if created:
        for position, referral in enumerate(DEMO_REFERRALS):
            Referral.objects.create(site=site, order=position, **referral)
    return site


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
            from intake.management.commands.demo_households import create_demo_households

            create_demo_households(site=site, count=DEMO_HOUSEHOLDS, seed=2025)
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
