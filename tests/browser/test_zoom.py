"""The desk at 200% zoom (640 CSS px, two device pixels each) and on a 360 px phone (issue 11).

At each width, on every desk page: the menu is collapsed behind its button and opens (vendored
Bootstrap JavaScript under the strict CSP), the language picker and Sign out stay on screen, the
page never scrolls sideways, and a table wider than the screen scrolls inside its own container.
Screenshots in English and Spanish are written for a person to look at (tests/browser/conftest.py).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORD, screenshot

pytestmark = pytest.mark.browser

# (name, CSS width, device pixels per CSS pixel): a 1280 px window at 200% zoom is 640 CSS px.
SIZES = [("zoom200", 640, 2), ("phone360", 360, 1)]


def _on_screen(page, selector: str, width: int) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None and page.locator(selector).first.is_visible(), f"{selector} is not visible"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{selector} is off screen: {box}"


def _no_sideways_scroll(page, name: str, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"


def _tables_scroll_inside(page, name: str) -> None:
    """Every table sits in a container that scrolls it (never the page)."""
    report = page.evaluate(
        """() => [...document.querySelectorAll('main table')].map(t => {
            let box = t.parentElement;
            while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
            return {scrolls: !!box && box !== document.body && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
                    fits: !box || box === document.body ? false : t.getBoundingClientRect().width <= box.scrollWidth + 1};
        })"""
    )
    assert all(r["scrolls"] for r in report), f"{name}: a table is not in a scrolling container: {report}"


@pytest.mark.parametrize("size", SIZES, ids=[s[0] for s in SIZES])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_desk_is_usable_at_200_percent_zoom_and_on_a_phone(
    chromium, live_server, coordinator_a, site_a, make_household, handouts, language, size
):
    label, width, scale = size
    household = make_household(
        site_a, coordinator_a, dependents=[{"id_type": "ssn", "age": 4}, {"id_type": "applying", "age": 17}]
    )
    context = chromium.new_context(
        viewport={"width": width, "height": 720}, device_scale_factor=scale,
        locale="es-US" if language == "es" else "en-US",
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("coordinator-a")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:not(:has(#language-switch)) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/intake/")

    pages = [
        ("list", "/intake/"),
        ("consent", "/intake/households/new/"),
        ("results", household.get_absolute_url()),
        ("edit", f"/intake/households/{household.code}/edit/"),
        ("screening", "/intake/screening/?new=1"),
        ("handouts", "/counseling/"),
        ("audit", f"/sites/{site_a.slug}/audit/"),
        ("season", f"/sites/{site_a.slug}/season/"),
        ("people", f"/sites/{site_a.slug}/people/"),
        ("review", "/counseling/review/"),
    ]
    for name, path in pages:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.classList.contains('js')"), "app.js did not run"
        # The menu is collapsed behind its button; the picker and Sign out stay on screen.
        assert not page.locator("#main-menu").is_visible(), f"{name}: the menu is not collapsed"
        _on_screen(page, ".navbar-toggler", width)
        _on_screen(page, "#language-switch", width)
        _on_screen(page, "button.sign-out", width)
        assert page.locator("#language-switch").input_value() == language
        _no_sideways_scroll(page, name, width)
        _tables_scroll_inside(page, name)
        screenshot(page, f"{label}-{name}-{language}")

    # The menu opens from its button (and from the keyboard), and every link fits the screen.
    page.goto(f"{live_server.url}/intake/")
    page.locator(".navbar-toggler").focus()
    page.keyboard.press("Enter")
    page.locator("#main-menu").wait_for(state="visible")
    assert page.locator(".navbar-toggler").get_attribute("aria-expanded") == "true"
    links = page.locator("#main-menu .nav-link")
    assert links.count() >= 5
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and box["x"] + box["width"] <= width
    _no_sideways_scroll(page, "open menu", width)
    screenshot(page, f"{label}-menu-open-{language}")

    # A form with errors at this width: still no sideways scroll, and the summary is on screen.
    page.goto(f"{live_server.url}/intake/screening/?new=1")
    page.locator("#id_wages").fill("38k")
    page.locator("form.household-form button[name=save]").last.click()
    page.wait_for_load_state()
    _on_screen(page, "#error-summary", width)
    _no_sideways_scroll(page, "form with errors", width)
    screenshot(page, f"{label}-form-errors-{language}")
    context.close()
