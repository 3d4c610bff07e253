"""The security helpers' exact answers, each found unchecked by mutation testing (issue 14).

Who may edit, review and print content; which sites and which household a user reaches; the
per-address sign-in lockout counted to the failure and the boundary; the control-character and
contact-detail refusals with their codes; the encrypted field's empty values and length limit.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

pytestmark = pytest.mark.django_db

SPRAYED = "203.0.113.50"
ELSEWHERE = "198.51.100.20"


# --- counseling.access: edit, review, print ---------------------------------------------------

@pytest.fixture
def staff_only(django_user_model):
    """Staff, not a superuser, with no membership anywhere."""
    return django_user_model.objects.create_user(username="staff-only", password="correct-horse-battery-staple", is_staff=True)


@pytest.fixture
def superuser_only(django_user_model):
    """A superuser who is not staff and has no membership (each of the two flags on its own)."""
    user = django_user_model.objects.create_superuser(username="root-only", password="correct-horse-battery-staple")
    user.is_staff = False
    user.save()
    return user


def test_who_may_edit_content(staff_only, superuser_only, editor_a, coordinator_a, volunteer_a):
    from counseling.access import can_edit_content

    assert can_edit_content(superuser_only) is True
    assert can_edit_content(staff_only) is True
    assert can_edit_content(editor_a) is True
    assert can_edit_content(coordinator_a) is False
    assert can_edit_content(volunteer_a) is False
    assert can_edit_content(AnonymousUser()) is False


def test_who_may_review_content(staff_only, editor_a, coordinator_a, volunteer_a):
    from counseling.access import can_review_content

    assert can_review_content(staff_only) is True
    assert can_review_content(coordinator_a) is True and can_review_content(editor_a) is True
    assert can_review_content(volunteer_a) is False
    assert can_review_content(AnonymousUser()) is False


def test_the_printing_site_is_the_one_asked_for_among_the_users_own(django_user_model, site_a, site_b, site_c):
    from clinic.models import Membership
    from counseling.access import printing_site

    user = django_user_model.objects.create_user(username="two-sites", password="correct-horse-battery-staple")
    Membership.objects.create(user=user, site=site_a, role="volunteer")
    Membership.objects.create(user=user, site=site_b, role="volunteer")
    assert printing_site(user, "site-b") == site_b
    assert printing_site(user, "site-a") == site_a
    assert printing_site(user) == site_a  # the first by name when none is asked
    assert printing_site(user, site_c.slug) == site_a  # not theirs: their own first site, never site C


def test_printing_without_a_membership(staff_only, django_user_model):
    from counseling.access import printing_site

    assert printing_site(staff_only) is None  # the neutral footer
    nobody = django_user_model.objects.create_user(username="no-site", password="correct-horse-battery-staple")
    with pytest.raises(PermissionDenied):
        printing_site(nobody)
    with pytest.raises(PermissionDenied):
        printing_site(AnonymousUser())


@pytest.fixture
def site_c(db):
    from clinic.models import Site

    return Site.objects.create(slug="site-c", name="Site C Test Clinic", phone="(555) 010-0003", languages=["en"])


# --- clinic.access and intake.access: which sites, which household -----------------------------

def test_a_user_reaches_exactly_their_own_sites(volunteer_a, volunteer_b, site_a, site_b):
    from clinic.access import sites_of

    assert list(sites_of(volunteer_a)) == [site_a]
    assert list(sites_of(volunteer_b)) == [site_b]
    assert list(sites_of(AnonymousUser())) == []


def test_site_for_user_does_not_ask_for_management_unless_told(volunteer_a, coordinator_a, site_a):
    from clinic.access import site_for_user

    assert site_for_user(volunteer_a, "site-a") == (site_a, False)
    with pytest.raises(PermissionDenied):
        site_for_user(volunteer_a, "site-a", manage=True)
    assert site_for_user(coordinator_a, "site-a", manage=True) == (site_a, True)
    with pytest.raises(Http404):
        site_for_user(volunteer_a, "site-b")


def test_a_household_is_found_by_its_own_code(volunteer_a, site_a, make_household):
    from intake.access import household_for_user

    first = make_household(site_a, volunteer_a)
    second = make_household(site_a, volunteer_a, wages=25000)
    assert household_for_user(volunteer_a, second.code)[0].pk == second.pk
    assert household_for_user(volunteer_a, first.code)[0].pk == first.pk
    with pytest.raises(Http404):
        household_for_user(volunteer_a, "NO-SUCH-CODE")


# --- clinic.backends: the per-address lockout ------------------------------------------------

def _attempts(*rows):
    """Record sign-in failures: (address, username, failures, minutes ago[, id])."""
    from axes.models import AccessAttempt

    for row in rows:
        ip, username, failures, minutes_ago, *pk = row
        attempt = AccessAttempt.objects.create(
            **({"id": pk[0]} if pk else {}),
            ip_address=ip, username=username, user_agent="test", http_accept="*/*", path_info="/accounts/login/",
            get_data="", post_data="", failures_since_start=failures,
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes_ago))


def test_address_failures_count_each_username_at_most_the_failure_limit_within_the_cool_off(settings):
    from clinic.backends import address_failures

    assert settings.AXES_FAILURE_LIMIT == 5 and settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)
    _attempts(
        (SPRAYED, "typist", 7, 1, 1000),  # counted as 5
        (SPRAYED, "other", 2, 14, 1001),  # inside the cool-off
        (SPRAYED, "long-ago", 5, 16),  # outside it
        (ELSEWHERE, "elsewhere", 5, 1),  # another address
    )
    assert address_failures(SPRAYED) == 7
    assert address_failures(ELSEWHERE) == 5
    assert address_failures("192.0.2.99") == 0
    assert address_failures(None) == 0 and address_failures("") == 0


def test_the_address_locks_at_exactly_the_limit(settings):
    from clinic.backends import address_locked

    assert settings.LOCKOUT_ADDRESS_FAILURES == 30
    _attempts(*[(SPRAYED, f"user-{i}", 5, 1) for i in range(5)], (SPRAYED, "user-5", 4, 1))
    assert address_locked(SPRAYED) is False  # 29
    _attempts((SPRAYED, "user-6", 1, 1))
    assert address_locked(SPRAYED) is True  # 30


def _locked_address():
    _attempts(*[(SPRAYED, f"user-{i}", 5, 1) for i in range(6)])


def test_the_backend_refuses_a_locked_address_and_says_why(rf):
    from axes.exceptions import AxesBackendPermissionDenied
    from axes.helpers import get_lockout_message

    from clinic.backends import LockoutBackend

    _locked_address()
    request = rf.post("/accounts/login/", REMOTE_ADDR=SPRAYED)  # no axes middleware: the backend finds the address itself
    context: dict = {}
    with pytest.raises(AxesBackendPermissionDenied) as refused:
        LockoutBackend().authenticate(request, username="anyone", password="x", response_context=context)
    assert str(refused.value) == "too many failed sign-ins from this address"
    assert context == {"error": get_lockout_message()}
    assert request.axes_locked_out is True


# --- clinic.validators -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["a\x00b", "tab\x0bvertical", "delete\x7f", "\x1b[31m"])
def test_control_characters_are_refused_with_their_message_and_code(text):
    from clinic.validators import reject_control_characters

    with pytest.raises(ValidationError) as refused:
        reject_control_characters(text)
    assert refused.value.code == "control"
    assert refused.value.messages == ["This text holds invisible control characters. Please retype it."]


@pytest.mark.parametrize("text", ["two\nlines\r\n", "a\ttab", "José Müller – 5 años", "\x80 is not C0", None])
def test_ordinary_text_and_line_breaks_pass(text):
    from clinic.validators import reject_control_characters

    reject_control_characters(text)


@pytest.mark.parametrize(("text", "code"), [
    ("write to ana@example.org", "contact_email"),
    ("call (559) 555-0100", "contact_phone"),
    ("lives at 123 Main Street", "contact_address"),
])
def test_contact_details_are_refused_with_a_code_per_kind(text, code):
    from clinic.validators import reject_contact_details

    with pytest.raises(ValidationError) as refused:
        reject_contact_details(text)
    assert refused.value.code == code


# --- clinic.crypto -----------------------------------------------------------------------------

def test_empty_database_values_are_returned_as_they_are():
    from clinic.crypto import EncryptedTextField

    field = EncryptedTextField()
    assert field.from_db_value(None, None, None) is None
    assert field.from_db_value("", None, None) == ""


def test_a_new_length_limited_field_validates_its_plaintext_length():
    """Built here, not at import: the model's fields exist before any test runs."""
    from django.core.validators import MaxLengthValidator

    from clinic.crypto import EncryptedCharField

    field = EncryptedCharField("short label", max_length=5)
    assert field.verbose_name == "short label"  # positional arguments reach Django
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    assert limits == [5]
    field.run_validators("12345")
    with pytest.raises(ValidationError):
        field.run_validators("123456")


def test_each_length_limited_field_pads_every_value_to_one_size():
    """Choices (ASCII codes) pad to ``max_length`` bytes; other text to 4 bytes a character (UTF-8's most)."""
    from clinic.crypto import EncryptedCharField, EncryptedTextField

    codes = EncryptedCharField(max_length=30, choices=[("itin", "ITIN"), ("ssn", "SSN")])
    text = EncryptedCharField(max_length=40)
    assert [codes.padded_size(v) for v in (b"", b"ssn", b"itin")] == [30, 30, 30]
    assert [text.padded_size(v) for v in (b"", b"Ana", "José".encode() * 10)] == [160, 160, 160]
    # Without a limit it pads like free text: by length class.
    unlimited, free = EncryptedCharField(), EncryptedTextField()
    for value in (b"", b"x" * 10, b"x" * 300):
        assert unlimited.padded_size(value) == free.padded_size(value)
