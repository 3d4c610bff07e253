"""The demo site: what ``manage.py demo_setup`` and the demo households are attached to."""

from __future__ import annotations

from clinic.models import Site

DEMO_SITE = {
    "slug": "demo",
    "name": "Demo Free Tax Clinic",
    "phone": "(555) 010-0100",
    "hours": "Tue–Thu 5–8 pm, Sat 9 am–1 pm",
    "languages": ["en", "es"],
}
# The seed of the demo's synthetic households, so every demo shows the same families.
DEMO_SEED = 2025


def demo_site() -> Site:
    """Return the demo site, creating it if missing."""
    site, _created = Site.objects.get_or_create(slug=DEMO_SITE["slug"], defaults=DEMO_SITE)
    return site
