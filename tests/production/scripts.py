"""Code run inside ``manage.py shell -c`` against a throwaway production database."""

SEED = """
from django.contrib.auth import get_user_model
from clinic.models import Membership, Site
from intake.services import household_open
site = Site.objects.create(slug="drill", name="Drill Test Clinic", phone="(555) 010-0009", languages=["en", "es"])
user = get_user_model().objects.create_user("drill-volunteer", password="drill-password-not-real-1")
Membership.objects.create(user=user, site=site, role="volunteer")
for i, id_type in enumerate(["itin", "ssn", "itin", "ssn", "itin"]):
    household_open(site=site, user=user, values={
        "filing_status": "head_of_household", "taxpayer_id_type": id_type, "taxpayer_age": 30 + i,
        "wages": 15000 + 1000 * i, "nickname": f"Drill family {i}", "notes": f"drill note {i}",
    }, dependents=[{"id_type": "ssn", "age": 3 + i, "months_lived_with_filer": 12}])
"""

READ = """
import json
from intake.models import Household
rows = sorted(
    [h.code, h.nickname, h.notes, h.taxpayer_id_type, [d.id_type for d in h.dependents.all()]]
    for h in Household.objects.all()
)
print("HOUSEHOLDS " + json.dumps(rows))
"""


def households(stdout: str) -> list:
    import json

    line = next(line for line in stdout.splitlines() if line.startswith("HOUSEHOLDS "))
    return json.loads(line.removeprefix("HOUSEHOLDS "))

PEOPLE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from clinic.models import Membership, Site
site, _ = Site.objects.get_or_create(slug="stack", defaults={"name": "Stack Test Clinic", "phone": "(555) 010-0042", "languages": ["en", "es"]})
keys = {}
for username, role in [("coordinator-stack", "coordinator"), ("volunteer-stack", "volunteer"), ("volunteer-lockout", "volunteer"), ("volunteer-kill", "volunteer"), ("volunteer-outage-0", "volunteer"), ("volunteer-outage-600", "volunteer"), ("coordinator-e2e", "coordinator")]:
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.password = make_password("stack-password-not-real-1", hasher="argon2")
    user.save()
    Membership.objects.get_or_create(user=user, site=site, defaults={"role": role})
    TOTPDevice.objects.filter(user=user).delete()
    keys[username] = TOTPDevice.objects.create(user=user, name="phone", confirmed=True).key
print("PEOPLE " + json.dumps(keys))
"""

PASSWORD = "stack-password-not-real-1"


def people(stdout: str) -> dict[str, str]:
    import json

    line = next(line for line in stdout.splitlines() if line.startswith("PEOPLE "))
    return json.loads(line.removeprefix("PEOPLE "))
