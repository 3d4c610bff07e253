"""Back and Reload after saving a household or seeing anonymous results (issue 11).

No "Confirm form resubmission" page anywhere: dependents are added and removed in the page
(dependents.js, no POST in the history), saving redirects to the results, and the anonymous
results are a GET rendered from the answers kept only in this browser (intake/anonymous.py).
"""

from __future__ import annotations

import pytest

from intake.models import Household
from tests.browser.conftest import screenshot, sign_in, switch_language

pytestmark = pytest.mark.browser


def _no_resubmission_page(page) -> None:
    assert not page.url.startswith("chrome-error://"), page.url
    assert "ERR_CACHE_MISS" not in page.content()


def _fill(page, children):
    page.locator("#id_filing_status").select_option("married_filing_jointly")
    page.locator("#id_taxpayer_id_type").select_option("ssn")
    page.locator("#id_taxpayer_age").fill("34")
    page.locator("#id_spouse_id_type").select_option("itin")
    page.locator("#id_spouse_age").fill("33")
    page.locator("#id_wages").fill("$32,000")
    for index, (id_type, age) in enumerate(children):
        page.locator("button[name=add-dependent]").click()
        page.locator(f"#id_dependents-{index}-id_type").select_option(id_type)
        page.locator(f"#id_dependents-{index}-age").fill(age)


def test_dependents_are_added_and_removed_in_the_page_and_renumbered(page, live_server, volunteer_a):
    sign_in(page, live_server, "volunteer-a")
    page.goto(f"{live_server.url}/intake/screening/?new=1")
    page.locator("#id_wages").fill("$32,000")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    for _ in range(3):
        page.locator("button[name=add-dependent]").click()
    assert navigations == []  # no round trip
    assert page.locator("fieldset.dependent").count() == 3
    assert page.locator("#id_dependents-TOTAL_FORMS").input_value() == "3"
    page.locator("#id_dependents-1-age").fill("9")
    page.locator("#id_dependents-2-age").fill("16")
    page.get_by_role("button", name="Remove dependent 1").click()
    assert page.locator("fieldset.dependent").count() == 2
    assert page.locator("#id_dependents-TOTAL_FORMS").input_value() == "2"
    assert page.locator("#id_dependents-0-age").input_value() == "9"
    assert page.locator("#id_dependents-1-age").input_value() == "16"
    assert page.locator("#dependent-2 legend").inner_text() == "Dependent 2"
    assert page.locator("#dependent-1 label[for=id_dependents-0-age]").count() == 1  # labels follow their inputs
    assert page.locator("#dependent-2 label[for=id_dependents-1-age]").count() == 1
    assert page.locator("#id_dependents-0-months_lived_with_filer").input_value() == "12"
    assert page.locator("#id_wages").input_value() == "$32,000"


@pytest.mark.parametrize("language", ["en", "es"])
def test_back_and_reload_after_saving_a_household(page, live_server, volunteer_a, language):
    sign_in(page, live_server, "volunteer-a")
    if language != "en":
        switch_language(page, language)
    page.goto(f"{live_server.url}/intake/households/new/")
    page.locator("#id_client_agreed").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/households/new/details/**")
    _fill(page, [("ssn", "4"), ("itin", "9")])
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_url("**/intake/households/*/")
    household = Household.objects.get()
    assert household.dependents.count() == 2
    page.reload()
    _no_resubmission_page(page)
    assert page.url.endswith(household.get_absolute_url())
    page.go_back()
    page.wait_for_load_state()
    _no_resubmission_page(page)
    # Back lands on the saved answers, ready to correct, and says so.
    assert page.url.endswith(f"/intake/households/{household.code}/edit/")
    assert page.locator("#id_wages").input_value() in ("32000", "32,000", "$32,000")
    assert household.code in page.locator(".messages").inner_text()
    screenshot(page, f"back-after-saving-{language}")
    assert Household.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_back_and_reload_after_an_anonymous_screening(page, live_server, volunteer_a, language):
    sign_in(page, live_server, "volunteer-a")
    if language != "en":
        switch_language(page, language)
    page.goto(f"{live_server.url}/intake/screening/?new=1")
    _fill(page, [("ssn", "4")])
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_url("**/intake/screening/results/")
    cards = page.locator(".credit-card").count()
    assert cards == 6
    screenshot(page, f"anonymous-results-{language}")
    page.reload()
    _no_resubmission_page(page)
    assert page.locator(".credit-card").count() == cards
    # The buttons of the results page are all still there.
    assert page.locator("button[name=revise]").count() == 1
    assert page.locator("a[href$='/intake/screening/?new=1']").count() >= 1
    page.go_back()
    page.wait_for_load_state()
    _no_resubmission_page(page)
    assert page.locator("#id_wages").input_value() == "$32,000"
    assert page.locator("#id_dependents-0-age").input_value() == "4"
    screenshot(page, f"back-after-screening-{language}")
    page.go_forward()
    _no_resubmission_page(page)
    assert page.locator(".credit-card").count() == cards
    # A new screening starts empty.
    page.locator("main a[href$='/intake/screening/?new=1']").last.click()
    page.wait_for_url("**/intake/screening/")
    assert page.locator("#id_wages").input_value() == ""
    assert Household.objects.count() == 0


def test_back_after_correcting_an_error_and_saving_meets_no_resubmission_page(page, live_server, volunteer_a):
    sign_in(page, live_server, "volunteer-a")
    page.goto(f"{live_server.url}/intake/households/new/")
    page.locator("#id_client_agreed").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/households/new/details/**")
    _fill(page, [("ssn", "4")])
    page.locator("#id_wages").fill("32k")
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()  # the form again, from a POST
    assert page.locator("#id_dependents-0-age").input_value() == "4"
    page.locator("#id_wages").fill("32,000")
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_url("**/intake/households/*/")
    household = Household.objects.get()
    page.go_back()
    page.wait_for_load_state()
    _no_resubmission_page(page)
    assert page.url.endswith(f"/intake/households/{household.code}/edit/")
    assert Household.objects.count() == 1
