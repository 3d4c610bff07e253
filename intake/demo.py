"""Synthetic, clearly fake households for demos, screenshots and load tests."""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.db import transaction

from clinic import clock
from clinic.demo import DEMO_SEED
from clinic.models import Site
from clinic.retention import purge_date
from intake.models import Consent, Dependent, Household, new_visit_code

BATCH = 1000
TAX_YEAR = settings.CONFIANZA_TAX_YEAR

# Each profile returns (filing status, taxpayer type, spouse type or None, dependents) for a rng.
PROFILES = ("itin_only", "mixed_status", "ssn_family", "students", "self_employed", "expired_itin", "declined")


def _kids(rng: random.Random, types: list[str], count: int, *, students: bool = False) -> list[dict]:
    kids = []
    for _ in range(count):
        age = rng.randint(19, 23) if students and rng.random() < 0.6 else rng.randint(0, 18)
        kids.append(
            {
                "id_type": rng.choice(types),
                "age": age,
                "full_time_student": age >= 19 or (students and age >= 14 and rng.random() < 0.5),
                "permanently_disabled": rng.random() < 0.02,
                "months_lived_with_filer": 12 if rng.random() < 0.9 else rng.randint(5, 11),
            }
        )
    return kids


def synthetic_household(rng: random.Random, index: int) -> tuple[dict, list[dict]]:
    """Return ``(household values, dependents)`` for one fake household (seeded, reproducible)."""
    profile = PROFILES[index % len(PROFILES)] if index < len(PROFILES) else rng.choice(PROFILES)
    joint = rng.random() < 0.5
    spouse = None
    count = rng.choice([0, 1, 1, 2, 2, 3, 4])
    se_income = 0
    if profile == "itin_only":
        taxpayer, spouse = "itin", "itin" if joint else None
        kids = _kids(rng, ["itin", "itin", "applying"], count)
    elif profile == "mixed_status":
        taxpayer, spouse, joint = rng.choice(["ssn", "itin"]), None, True
        spouse = "itin" if taxpayer == "ssn" else "ssn"
        kids = _kids(rng, ["ssn", "ssn", "itin", "applying"], max(count, 1))
    elif profile == "ssn_family":
        taxpayer, spouse = "ssn", "ssn" if joint else None
        kids = _kids(rng, ["ssn"], count)
    elif profile == "students":
        taxpayer, spouse = rng.choice(["ssn", "itin"]), None
        kids = _kids(rng, ["ssn", "itin"], max(count, 1), students=True)
    elif profile == "self_employed":
        taxpayer, spouse = rng.choice(["ssn", "itin", "ssn_not_valid_for_employment"]), None
        kids = _kids(rng, ["ssn", "itin"], count)
        se_income = rng.randint(-4000, 45000)
    elif profile == "expired_itin":
        taxpayer, spouse = "itin_expired", "itin" if joint else None
        kids = _kids(rng, ["ssn", "itin_expired", "itin"], count)
    else:
        taxpayer, spouse = "declined", "declined" if joint else None
        kids = _kids(rng, ["ssn", "declined", "none"], count)
    joint = spouse is not None
    status = "married_filing_jointly" if joint else ("head_of_household" if kids else "single")
    values = {
        "filing_status": status,
        "taxpayer_id_type": taxpayer,
        "taxpayer_age": rng.randint(18, 70),
        "taxpayer_foster_youth": rng.random() < 0.03,
        "spouse_id_type": spouse or "",
        "spouse_age": rng.randint(18, 70) if joint else None,
        "spouse_foster_youth": False,
        "wages": 0 if profile == "self_employed" and rng.random() < 0.5 else rng.choice([0, rng.randint(4000, 75000)]),
        "self_employment_income": se_income,
        "other_income": rng.choice([0, 0, 0, rng.randint(100, 5000)]),
        "investment_income": rng.choice([0, 0, 0, 0, rng.randint(1, 3000)]),
        "language": rng.choice(["es", "es", "en", "zh-hans", "vi", "ko", "tl"]),
        "nickname": f"Demo {index + 1:05d}",
        "notes": f"Synthetic demo household ({profile.replace('_', ' ')}). Not a real client.",
        "tax_year": TAX_YEAR,
    }
    return values, kids


def create_demo_households(*, site: Site, count: int, seed: int = DEMO_SEED) -> int:
    """Bulk-create fake households with their dependents and consents; return how many.

    Fake data only, so it bypasses the services and ``full_clean`` for speed (thousands of rows for
    load tests); every household it makes is valid input for the rules (tests/intake/test_demo_households.py).
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not a secret
    now = clock.now()
    today = clock.today()
    codes: set[str] = set(Household.objects.filter(site=site).values_list("code", flat=True))
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        households, dependents = [], []
        for offset in range(size):
            values, kids = synthetic_household(rng, done + offset)
            visit = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 14))
            code = new_visit_code()
            while code in codes:
                code = new_visit_code()
            codes.add(code)
            status = Household.Status.OPEN if rng.random() < 0.6 else Household.Status.CLOSED
            households.append(
                Household(
                    code=code,
                    site=site,
                    status=status,
                    created_at=visit,
                    updated_at=visit,
                    last_visit_at=visit,
                    closed_at=visit if status == Household.Status.CLOSED else None,
                    purge_after=purge_date(last_visit=min(today, visit.date())),
                    **values,
                )
            )
            dependents.append(kids)
        with transaction.atomic():
            # bulk_create encrypts through each field's get_db_prep_save, like save() does.
            Household.objects.bulk_create(households, batch_size=500)
            Dependent.objects.bulk_create(
                [
                    Dependent(household=household, position=position, **kid)
                    for household, kids in zip(households, dependents, strict=True)
                    for position, kid in enumerate(kids)
                ],
                batch_size=500,
            )
            Consent.objects.bulk_create(
                [Consent(household=household, recorded_at=household.created_at) for household in households],
                batch_size=500,
            )
        done += size
    return done
