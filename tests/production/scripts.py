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
