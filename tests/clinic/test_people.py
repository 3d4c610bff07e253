from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from clinic.models import Membership


def _people(site):
    return reverse("sites:people-list", kwargs={"slug": site.slug})


def test_a_coordinator_sees_the_sites_people(client, coordinator_a, volunteer_a, volunteer_b, site_a):
    client.force_login(coordinator_a)
    html = client.get(_people(site_a)).content.decode()
    assert "volunteer-a" in html and "volunteer-b" not in html


def test_only_coordinators_of_that_site_manage_it(client, volunteer_a, coordinator_a, site_a, site_b):
    client.force_login(volunteer_a)
    assert client.get(_people(site_a)).status_code == 403
    client.force_login(coordinator_a)
    assert client.get(_people(site_b)).status_code == 404
    assert client.post(reverse("sites:people-invite", kwargs={"slug": site_b.slug}), {"username": "x"}).status_code == 404


def test_an_invite_creates_an_account_with_a_one_time_set_password_link(client, coordinator_a, site_a):
    client.force_login(coordinator_a)
    response = client.post(reverse("sites:people-invite", kwargs={"slug": site_a.slug}), {"username": "nueva"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    user = get_user_model().objects.get(username="nueva")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == "volunteer"
    link = re.search(r'<code class="set-password-link[^"]*">([^<]+)</code>', response.content.decode()).group(1)

    newcomer = Client()
    response = newcomer.get(link, follow=True)
    assert response.context["validlink"] is True
    password = "a-long-and-fine-password-2026"
    response = newcomer.post(response.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert newcomer.login(username="nueva", password=password)
    # The link worked once.
    assert Client().get(link, follow=True).context["validlink"] is False


@pytest.mark.parametrize("username", ["volunteer-a", "VOLUNTEER-A", "123-45-6789", "bad name!"])
def test_an_invite_refuses_taken_or_bad_usernames(client, coordinator_a, volunteer_a, site_a, username):
    client.force_login(coordinator_a)
    response = client.post(reverse("sites:people-invite", kwargs={"slug": site_a.slug}), {"username": username})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert get_user_model().objects.count() == 2


def test_deactivating_ends_that_persons_sessions(client, coordinator_a, volunteer_a, site_a):
    theirs = Client()
    theirs.force_login(volunteer_a)
    assert theirs.get(reverse("intake:household-list")).status_code == 200
    client.force_login(coordinator_a)
    membership = Membership.objects.get(user=volunteer_a)
    response = client.post(
        reverse("sites:people-deactivate", kwargs={"slug": site_a.slug}), {"membership": membership.pk}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    assert theirs.get(reverse("intake:household-list")).status_code == 302  # signed out
    assert all(s.get_decoded().get("_auth_user_id") != str(volunteer_a.pk) for s in Session.objects.all())
    assert client.get(reverse("intake:household-list")).status_code == 200  # the coordinator is still in


def test_a_coordinator_cannot_deactivate_themself_or_another_sites_people(
    client, coordinator_a, volunteer_b, site_a
):
    client.force_login(coordinator_a)
    url = reverse("sites:people-deactivate", kwargs={"slug": site_a.slug})
    own = Membership.objects.get(user=coordinator_a)
    assert client.post(url, {"membership": own.pk}).status_code == 403
    other = Membership.objects.get(user=volunteer_b)
    assert client.post(url, {"membership": other.pk}).status_code == 404
    assert client.post(url, {"membership": "abc"}).status_code == 404
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.is_active and other.is_active
