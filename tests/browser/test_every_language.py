"""The desk in each of its seven languages, in a real browser: switch, record a household, read the
results, print a handout and the client's summary; page images in docs/screenshots/ when asked.

Selectors are element ids and names, never English labels, so the same steps run in every language;
what is checked in the page is the language's own catalogue text, read through gettext.
"""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.utils import translation
from pypdf import PdfReader

from intake.models import Household
from tests.browser.conftest import screenshot, sign_in, switch_language

pytestmark = pytest.mark.browser

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_volunteer_works_the_desk_in_each_language(page, live_server, volunteer_a, handouts, language):
    sign_in(page, live_server, "volunteer-a")
    switch_language(page, language)
    assert page.locator("html").get_attribute("lang").lower() == language
    assert _in(language, "Record a household") in page.content()
    screenshot(page, f"household-list-{language}")

    page.goto(f"{live_server.url}/intake/households/new/")
    consent = page.locator("form:has(input[type=checkbox]):not(:has(#language-switch))")
    consent.locator("input[type=checkbox]").first.check()
    consent.locator("button[type=submit]").first.click()
    page.wait_for_url("**/households/new/details/**")
    page.locator("#id_filing_status").select_option("head_of_household")
    page.locator("#id_taxpayer_id_type").select_option("itin")
    page.locator("#id_taxpayer_age").fill("34")
    page.locator("#id_wages").fill("24000")
    page.locator("#id_language").select_option(language)
    page.locator("button[name=add-dependent]").click()
    page.wait_for_load_state()
    page.locator("#id_dependents-0-id_type").select_option("ssn")
    page.locator("#id_dependents-0-age").fill("4")
    rel = page.locator("#id_dependents-0-relationship")
    if rel.count():
        rel.select_option(index=1)
    screenshot(page, f"household-form-{language}")
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_url("**/intake/households/*/")
    household = Household.objects.get()
    assert household.language == language
    assert page.locator(".credit-card").count() >= 6
    screenshot(page, f"results-{language}")

    # A handout in the client's language, linked from the results.
    link = page.locator(f'.handouts a[href*="/{language}.pdf"]').first
    response = page.context.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    handout_text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.body())).pages)
    assert _in(language, "Not legal advice.").rstrip(".。") in handout_text

    # The client's summary, in the client's language (chosen already on the form).
    page.goto(f"{live_server.url}/counseling/households/{household.code}/summary/")
    form_language = page.locator("select[name$=language]").first.input_value()
    assert form_language == language
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    summary = page.context.request.post(
        page.url, form={"csrfmiddlewaretoken": token, "language": language}, headers={"Referer": page.url}
    )
    assert summary.ok and summary.headers["content-type"] == "application/pdf"
    assert "no-store" in summary.headers["cache-control"]
    pages = PdfReader(io.BytesIO(summary.body())).pages
    assert len(pages) == 1
    assert _in(language, "Not legal advice.").rstrip(".。") in (pages[0].extract_text() or "")
