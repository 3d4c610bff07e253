"""Property tests over the forms and raw POST bodies: never a 500; bad input changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase, from_form

from clinic.models import AuditEntry, Membership, Site
from intake.facts import facts_from_values
from intake.forms import DEPENDENT_PREFIX, DependentForm, DependentFormSet, HouseholdForm
from intake.models import Household
from intake.services import household_open
from tests.intake.conftest import household_post

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What a volunteer might type into a money field, including the nasty cases.
money_text = st.one_of(
    st.text(max_size=25),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"${n:,}"),
    st.sampled_from(["1e6", "NaN", "Infinity", "-0", "1,00", "$", "-", "0x10", "١٢٣", "1_000", " "]),
)
FIELD_NAMES = list(HouseholdForm.base_fields) + [
    f"{DEPENDENT_PREFIX}-{key}" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
] + [f"{DEPENDENT_PREFIX}-{i}-{name}" for i in range(3) for name in DependentForm.base_fields]
post_bodies = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20)),
    st.text(max_size=40),
    max_size=30,
)
# A valid body with some fields replaced by junk: closer to the edge than pure noise.
mutated_bodies = st.builds(
    lambda base, junk: {**base, **junk},
    st.just(household_post()),
    st.dictionaries(st.sampled_from(FIELD_NAMES), st.text(max_size=30), max_size=6),
)


class HouseholdFormProperties(TestCase):
    @FUZZ
    @given(
        from_form(
            HouseholdForm,
            wages=money_text,
            self_employment_income=money_text,
            other_income=money_text,
            investment_income=money_text,
            car_loan_interest=money_text,
            taxpayer_qualified_tips=money_text,
            taxpayer_qualified_overtime=money_text,
            spouse_qualified_tips=money_text,
            spouse_qualified_overtime=money_text,
        )
    )
    def test_validating_never_raises_and_valid_answers_reach_the_rules(self, form):
        if form.is_valid():
            facts = facts_from_values(form.household_values(), [])
            assert facts.taxpayer.age == form.cleaned_data["taxpayer_age"]
        else:
            assert form.errors

    @FUZZ
    @given(st.dictionaries(st.sampled_from(FIELD_NAMES), st.text(max_size=30), max_size=40))
    def test_the_dependent_formset_never_raises(self, data):
        formset = DependentFormSet(data, prefix=DEPENDENT_PREFIX)
        if formset.is_valid():
            assert len(formset.dependent_values()) <= 12
        else:
            assert formset.non_form_errors() or any(formset.errors)


class RawPostProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.create(slug="fuzz", name="Fuzz Test Clinic")
        cls.user = get_user_model().objects.create_user(username="fuzzer", password="fuzz-password-123")
        Membership.objects.create(user=cls.user, site=cls.site, role="volunteer")
        cls.household = household_open(
            site=cls.site,
            user=cls.user,
            values={"filing_status": "single", "taxpayer_id_type": "itin", "taxpayer_age": 30},
        )

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.user)

    def _post(self, url, data):
        response = self.client.post(url, data)
        assert response.status_code in (200, 302, 303, 400, 403, 404, 409), response.status_code
        return response

    @FUZZ
    @given(st.one_of(post_bodies, mutated_bodies))
    def test_anonymous_screening_never_fails_and_never_writes(self, data):
        before = (Household.objects.count(), AuditEntry.objects.count())
        self._post(reverse("intake:screening"), data)
        assert (Household.objects.count(), AuditEntry.objects.count()) == before

    @FUZZ
    @given(st.one_of(post_bodies, mutated_bodies))
    def test_recording_never_fails_and_invalid_input_writes_nothing(self, data):
        consent = self.client.post(reverse("intake:household-consent"), {"client_agreed": "on"})
        token = consent["Location"].split("consent=", 1)[1]
        from urllib.parse import unquote

        before = Household.objects.count()
        response = self._post(reverse("intake:household-create"), {**data, "submission_token": unquote(token)})
        if response.status_code == 200:
            assert Household.objects.count() == before

    @FUZZ
    @given(st.one_of(post_bodies, mutated_bodies), st.sampled_from(["1", "2", "", "x", "-5", "99999999999"]))
    def test_editing_never_fails_and_invalid_input_changes_nothing(self, data, version):
        self.household.refresh_from_db()
        before = self.household.version
        url = reverse("intake:household-edit", kwargs={"code": self.household.code})
        response = self._post(url, {**data, "version": version})
        self.household.refresh_from_db()
        if response.status_code != 302:
            assert self.household.version == before
