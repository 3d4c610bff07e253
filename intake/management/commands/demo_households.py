"""Create synthetic, clearly fake households for demos, screenshots and load tests."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.demo import DEMO_SEED, demo_site
from clinic.models import Site
from intake.demo import create_demo_households


class Command(BaseCommand):
    help = (
        "Create N synthetic, clearly fake households (seeded; ITIN-only, mixed-status, SSN families, "
        "students, self-employed, expired ITINs, declined) at a site. Without --site: the demo site, "
        "created if missing. Refuses to run in the production profile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=25, help="How many households (default 25).")
        parser.add_argument("--site", help="Site slug (default: the demo site).")
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"Random seed (default {DEMO_SEED}).")

    def handle(self, *args, count: int, site: str | None, seed: int, **options):
        if settings.PROFILE == "production":
            raise CommandError("demo_households never writes fake households into a production database.")
        if count < 0:
            raise CommandError("--count must be 0 or more.")
        if site:
            target = Site.objects.filter(slug=site).first()
            if target is None:
                raise CommandError(f"No site with the short name {site!r}.")
        else:
            target = demo_site()
        created = create_demo_households(site=target, count=count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Created {created} demo households at {target.name}."))
