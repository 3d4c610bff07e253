"""What a volunteer does at the desk, in a real browser with JavaScript off for the form's rows."""

from __future__ import annotations

import io

import pytest
from django.contrib.sessions.models import Session

from clinic.models import AuditEntry
from intake.models import Household
from tests.browser.conftest import screenshot, sign_in, switch_language

pytestmark = pytest.mark.browser

FAMILY = [("ssn", "4"), ("itin", "9"), ("applying", "16")]  # a mixed-status family, three children


def _fill_household(page, *, children):
    page.get_by_label("Filing status").select_option("married_filing_jointly")
    page.get_by_label("Taxpayer's ID type").select_option("ssn")
    page.get_by_label("Taxpayer's age").fill("34")
    page.get_by_label("Spouse's ID type").select_option("itin")
    page.get_by_label("Spouse's age").fill("33")
    page.get_by_label("Wages (W-2)").fill("$32,000")
    page.get_by_label("Client's language for handouts").select_option("es")
    for index, (id_type, age) in enumerate(children):
        # Without JavaScript: each "add" is a round trip that keeps everything typed so far.
        page.get_by_role("button", name="Add another dependent").click()
        page.wait_for_load_state()
        page.locator(f"#id_dependents-{index}-id_type").select_option(id_type)
        page.locator(f"#id_dependents-{index}-age").fill(age)
    assert page.get_by_label("Wages (W-2)").input_value() == "$32,000"


def test_a_volunteer_records_a_mixed_status_family_and_prints_a_handout(page, live_server, volunteer_a, handouts):
    sign_in(page, live_server, "volunteer-a")
    page.get_by_role("link", name="Record a household").click()
    page.get_by_label("the client agrees").check()
    page.get_by_role("button", name="Record consent and continue").click()
    _fill_household(page, children=FAMILY)
    page.get_by_role("button", name="Save and see results").last.click()
    page.wait_for_url("**/intake/households/*/")

    household = Household.objects.get()
    assert [d.id_type for d in household.dependents.all()] == ["ssn", "itin", "applying"]
    assert page.locator(".credit-card").count() == 6
    assert page.locator("#credit-federal_ctc .status-badge").inner_text()
    assert page.locator(".handouts li").count() >= 4

    link = page.locator('.handouts a[data-topic="itin"]')
    assert "/handouts/itin/es.pdf" in link.get_attribute("href")
    link.click()  # one click: Chromium opens the PDF in its viewer, ready to print
    page.wait_for_url("**/handouts/itin/es.pdf*")
    response = page.context.request.get(page.url)  # the same bytes, with the same session
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) >= 1
    assert "ITIN" in reader.pages[0].extract_text()

    page.go_back()
    page.get_by_role("button", name="Close this visit").click()
    page.wait_for_url(f"{live_server.url}/intake/")
    household.refresh_from_db()
    assert household.status == "closed"
    row = page.locator(".household-table tbody tr", has_text=household.code)
    assert "Closed" in row.inner_text()


def test_an_anonymous_screening_leaves_nothing_behind(page, live_server, volunteer_a):
    sign_in(page, live_server, "volunteer-a")
    audit_before = AuditEntry.objects.count()
    page.get_by_role("link", name="Anonymous screening").first.click()
    _fill_household(page, children=FAMILY[:1])
    page.get_by_label("Nickname (optional)").fill("Walk-in Marisol")
    page.get_by_role("button", name="See results").last.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Anonymous screening: results").count() == 1
    assert page.locator(".credit-card").count() == 6

    assert Household.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert "Marisol" not in decoded and "32000" not in decoded and "32,000" not in decoded


def test_the_consent_step_and_the_error_summary_work_from_the_keyboard(page, live_server, volunteer_a):
    sign_in(page, live_server, "volunteer-a")
    page.goto(f"{live_server.url}/intake/households/new/")
    page.locator("#id_client_agreed").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/households/new/details/**")
    page.get_by_label("Wages (W-2)").fill("1e6")
    page.get_by_label("Wages (W-2)").press("Enter")  # Enter saves; it never removes a dependent
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    summary.get_by_role("link", name="Wages (W-2)").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_wages"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.get_by_label("Wages (W-2)").input_value() == "1e6"


@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots_of_the_main_pages(page, live_server, volunteer_a, site_a, language):
    from intake.demo import create_demo_households

    create_demo_households(site=site_a, count=12, seed=3)
    page.goto(f"{live_server.url}/accounts/login/")
    if language != "en":
        switch_language(page, language)
    screenshot(page, f"login-{language}")
    page.locator("#id_username").fill("volunteer-a")
    page.locator("#id_password").fill("correct-horse-battery-staple")
    page.locator("form:not(:has(#language-switch)) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/intake/")
    screenshot(page, f"household-list-{language}")

    page.goto(f"{live_server.url}/intake/screening/")
    page.locator("#id_filing_status").select_option("married_filing_jointly")
    page.locator("#id_taxpayer_id_type").select_option("itin_expired")
    page.locator("#id_taxpayer_age").fill("38")
    page.locator("#id_spouse_id_type").select_option("ssn")
    page.locator("#id_spouse_age").fill("36")
    page.locator("#id_wages").fill("28,500")
    for index, (id_type, age) in enumerate(FAMILY):
        page.locator("button[name=add-dependent]").click()
        page.wait_for_load_state()
        page.locator(f"#id_dependents-{index}-id_type").select_option(id_type)
        page.locator(f"#id_dependents-{index}-age").fill(age)
    page.locator("#id_language").select_option(language)
    screenshot(page, f"household-form-{language}")
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_load_state()
    screenshot(page, f"anonymous-results-{language}")

    household = Household.objects.filter(site=site_a).exclude(dependents=None).order_by("pk").first()
    page.goto(f"{live_server.url}{household.get_absolute_url()}")
    screenshot(page, f"results-{language}")
    page.set_viewport_size({"width": 820, "height": 1180})
    screenshot(page, f"results-tablet-{language}")
