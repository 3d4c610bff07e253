"""The demo site: what ``manage.py demo_setup`` and the demo households are attached to."""

from __future__ import annotations

from clinic.models import Referral, Site

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

# The seed of the demo's synthetic households, so every demo shows the same families.
DEMO_SEED = 2025


def demo_site() -> Site:
    """Return the demo site, creating it if missing."""
    site, created = Site.objects.get_or_create(slug=DEMO_SITE["slug"], defaults=DEMO_SITE)
    if created:
        for position, referral in enumerate(DEMO_REFERRALS):
            Referral.objects.create(site=site, order=position, **referral)
    return site
