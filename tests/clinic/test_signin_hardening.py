"""Sign-in findings of the December 2026 review: per-address limit (7), username-like passwords (9),
invitation links (10), no visit code or stale username in lockout records (14)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.models import Membership

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
CLINIC_IP = "192.0.2.10"


def _login(client, username, password, ip=CLINIC_IP, next_url=None):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def accounts(django_user_model, site_a):
    users = []
    for index in range(8):
        user = django_user_model.objects.create_user(username=f"spray-{index}", password=PASSWORD)
        Membership.objects.create(user=user, site=site_a, role="volunteer")
        users.append(user)
    return users


# --- finding 7: a limit per address across accounts --------------------------------------------


def test_spraying_many_accounts_from_one_address_locks_that_address(client, accounts, settings):
    assert settings.LOCKOUT_ADDRESS_FAILURES == 30
    # Four tries per account, under the per-account limit of five, across eight accounts: 32.
    for user in accounts:
        for attempt in range(4):
            _login(client, user.username, f"spray-guess-{attempt}")
    # Now the right password of an untouched account from that address is refused too.
    fresh = get_user_model().objects.create_user(username="untouched", password=PASSWORD)
    Membership.objects.create(user=fresh, site=accounts[0].memberships.first().site)
    assert _login(client, "untouched", PASSWORD).status_code == 429
    # Another address is not affected.
    assert _login(Client(), "untouched", PASSWORD, ip="198.51.100.7").status_code == 302


def test_one_persons_typos_at_a_shared_address_lock_only_their_account(client, accounts):
    # Twenty failures by one person count as five toward the address (the per-account limit).
    for attempt in range(20):
        _login(client, "spray-0", f"typo-{attempt}")
    assert _login(Client(), "spray-0", PASSWORD).status_code == 429
    for user in accounts[1:]:
        assert _login(Client(), user.username, PASSWORD).status_code == 302


def test_the_address_limit_ends_with_the_cool_off(client, accounts, monkeypatch):
    for user in accounts:
        for attempt in range(4):
            _login(client, user.username, f"spray-guess-{attempt}")
    assert _login(Client(), "spray-7", PASSWORD).status_code == 429
    later = timezone.now() + dt.timedelta(minutes=16)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: later)
    assert _login(Client(), "spray-7", PASSWORD).status_code == 302


# --- finding 9: passwords like the username or the name -----------------------------------------


@pytest.mark.parametrize(
    ("username", "first", "last", "password"),
    [
        ("newvol2", "", "", "newvol2newvol2"),  # the review's case
        ("newvol2", "", "", "NEWVOL2-is-my-password"),
        ("maria.lopez", "", "", "lopez-lopez-lopez"),
        ("vol7", "Guadalupe", "Ortiz", "guadalupe1990!!"),
        ("vol7", "Guadalupe", "Ortiz", "my name is ortiz ok"),
        ("a-editor", "", "", "a editor a editor"),
    ],
)
def test_a_password_like_the_username_or_name_is_refused(username, first, last, password):
    user = get_user_model()(username=username, first_name=first, last_name=last)
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user)
    assert "password_too_similar" in [e.code for e in excinfo.value.error_list]


def test_an_unrelated_passphrase_is_accepted():
    user = get_user_model()(username="newvol2", first_name="Guadalupe", last_name="Ortiz")
    validate_password("tortilla-bicycle-thunder-41", user)


# --- finding 10: invitation links ---------------------------------------------------------------


def _invite(client, coordinator, site, username="nueva") -> str:
    client.force_login(coordinator)
    response = client.post(reverse("sites:people-invite", kwargs={"slug": site.slug}), {"username": username})
    return re.search(r'<code class="set-password-link[^"]*">([^<]+)</code>', response.content.decode()).group(1)


def test_an_invitation_link_lasts_24_hours(client, coordinator_a, site_a, settings, monkeypatch):
    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 3600
    link = _invite(client, coordinator_a, site_a)
    from clinic.invitations import invitation_tokens

    real_now = invitation_tokens._now
    monkeypatch.setattr(invitation_tokens, "_now", lambda: real_now() + dt.timedelta(hours=23))
    assert Client().get(link, follow=True).context["validlink"] is True
    monkeypatch.setattr(invitation_tokens, "_now", lambda: real_now() + dt.timedelta(hours=25))
    assert Client().get(link, follow=True).context["validlink"] is False


def test_an_invitation_link_dies_with_the_membership(client, coordinator_a, site_a):
    link = _invite(client, coordinator_a, site_a)
    membership = Membership.objects.get(user__username="nueva")
    response = client.post(reverse("sites:people-deactivate", kwargs={"slug": site_a.slug}), {"membership": membership.pk})
    assert response.status_code == 302
    newcomer = Client()
    response = newcomer.get(link, follow=True)
    assert response.context["validlink"] is False
    # And posting a password to it sets nothing.
    newcomer.post(response.redirect_chain[-1][0] if response.redirect_chain else link, {"new_password1": "x" * 20, "new_password2": "x" * 20})
    assert not get_user_model().objects.get(username="nueva").has_usable_password()


def test_an_invitation_link_from_a_plain_password_reset_token_is_refused(client, coordinator_a, site_a):
    from django.contrib.auth.tokens import default_token_generator

    link = _invite(client, coordinator_a, site_a)
    user = get_user_model().objects.get(username="nueva")
    forged = link.rsplit("/", 2)[0] + "/" + default_token_generator.make_token(user) + "/"
    assert Client().get(forged, follow=True).context["validlink"] is False


# --- finding 14: lockout and sign-in records ------------------------------------------------------


def test_lockout_records_keep_no_visit_code(client, volunteer_a):
    _login(client, "volunteer-a", "wrong-password", next_url="/intake/households/K7MQ-4XTP/edit/")
    from axes.models import AccessAttempt

    stored = repr(list(AccessAttempt.objects.values()))
    assert "K7MQ-4XTP" not in stored
    assert AccessAttempt.objects.count() == 1


def test_purge_expired_prunes_stale_lockout_and_sign_in_records(client, volunteer_a, settings):
    from io import StringIO

    from axes.models import AccessAttempt, AccessLog
    from django.core.management import call_command

    _login(client, "volunteer-a", "wrong-password")
    _login(Client(), "volunteer-a", PASSWORD)
    assert AccessLog.objects.count() == 1
    _login(client, "volunteer-a", "wrong-again")
    assert AccessAttempt.objects.count() == 1
    call_command("purge_expired", stdout=StringIO())
    assert AccessAttempt.objects.count() == 1 and AccessLog.objects.count() == 1  # still needed
    old = timezone.now() - dt.timedelta(days=settings.SECURITY_RECORD_DAYS + 1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1))
    AccessLog.objects.update(attempt_time=old)
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert AccessAttempt.objects.count() == 0 and AccessLog.objects.count() == 0
    assert "Pruned 1 expired lockout record(s)" in out.getvalue()
