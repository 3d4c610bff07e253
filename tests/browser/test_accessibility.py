"""axe-core (vendored from npm, tests/browser/vendor/axe-core) on every page the desk uses.

English and Spanish, at a desktop width and at 360 px: no serious or critical violation. The
app's CSP refuses injected scripts, so this test's browser context bypasses CSP (the app's own
pages are unchanged). A sanity check first proves axe runs and reports what it should.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def _context(chromium, width, language):
    context = chromium.new_context(
        viewport={"width": width, "height": 800}, bypass_csp=True, locale="es-US" if language == "es" else "en-US"
    )
    context.set_default_timeout(15_000)
    return context


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def _blocking(page) -> list[dict]:
    return [v for v in _axe(page) if v["impact"] in BLOCKING]


def test_axe_runs_and_finds_a_planted_fault(chromium, live_server):
    context = _context(chromium, 1366, "en")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><input id=planted>')")
    found = {v["id"] for v in _axe(page)}
    context.close()
    assert {"image-alt", "label"} <= found


@pytest.mark.parametrize("width", [1366, 360])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_desk_and_coordinator_page_has_no_serious_violation(
    chromium, live_server, coordinator_a, site_a, make_household, handouts, language, width
):
    household = make_household(
        site_a, coordinator_a, dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "applying", "age": 17}]
    )
    context = _context(chromium, width, language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        found = _blocking(page)
        if found:
            failures[name] = found

    page.goto(f"{live_server.url}/accounts/login/")
    check("login")
    page.locator("#id_username").fill("coordinator-a")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:not(:has(#language-switch)) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/intake/")
    check("household list")
    sign_out = page.locator("button.sign-out").bounding_box()
    assert sign_out and sign_out["x"] + sign_out["width"] <= width, "Sign out is off screen"

    page.goto(f"{live_server.url}/intake/households/new/")
    check("consent")
    page.locator("#id_client_agreed").check()
    page.locator("form.consent-form button[type=submit], main form button[type=submit]").last.click()
    page.wait_for_url("**/households/new/details/**")
    check("household form")
    page.locator("form.household-form button[name=save]").last.click()
    check("household form with errors")

    for name, path in [
        ("results", household.get_absolute_url()),
        ("edit", f"/intake/households/{household.code}/edit/"),
        ("screening form", "/intake/screening/"),
        ("handout library", "/counseling/"),
        ("season", f"/sites/{site_a.slug}/season/"),
        ("audit log", f"/sites/{site_a.slug}/audit/"),
        ("people", f"/sites/{site_a.slug}/people/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        check(name)
    context.close()
    assert failures == {}
