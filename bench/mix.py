"""What bench/load.py and bench/profile_pages.py share: the seed data and the request mixes.

No Django import here: load.py runs the seed code in ``manage.py shell -c`` against its
throwaway production database; profile_pages.py runs the same code in its own process.
"""

from __future__ import annotations

VOLUNTEERS = 8
HOUSEHOLDS = 200
TOPICS = ("california-credits", "confidentiality", "federal-credits", "filing-decision", "itin", "court-orders")
PASSWORD = "load-password-not-real-1"  # noqa: S105 - a throwaway account on a throwaway database

SEED = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from clinic.models import Membership, Site
site = Site.objects.create(slug="load", name="Load Test Clinic", phone="(555) 010-0077", languages=["en", "es"])
hashed = make_password("load-password-not-real-1", hasher="argon2")
keys = {}
for i in range(%(volunteers)d):
    user = get_user_model().objects.create(username=f"load-volunteer-{i}", password=hashed)
    Membership.objects.create(user=user, site=site, role="coordinator" if i == 0 else "volunteer")
    keys[user.username] = TOTPDevice.objects.create(user=user, name="phone", confirmed=True).key
print("PEOPLE " + json.dumps(keys))
"""
HOUSEHOLDS_SEED = """
from clinic.models import Site
from intake.demo import create_demo_households
create_demo_households(site=Site.objects.get(slug="load"), count=%(count)d)
"""
CODES = """
from intake.models import Household
print("CODES " + " ".join(Household.objects.order_by("pk").values_list("code", flat=True)[:50]))
"""

# The pages mix, one volunteer's share: (label, path). Labels name the URL pattern, never a code.
PAGE_LABELS = ("list", "results", "consent form", "screening form", "handout (cached)", "healthz")


def page_paths(code: str, topic: str) -> list[tuple[str, str]]:
    paths = ("/intake/", f"/intake/households/{code}/", "/intake/households/new/", "/intake/screening/",
             f"/counseling/handouts/{topic}/en.pdf", "/healthz")
    return list(zip(PAGE_LABELS, paths, strict=True))


def summary_path(code: str) -> str:
    return f"/counseling/households/{code}/summary/"
