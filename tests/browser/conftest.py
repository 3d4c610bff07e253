"""Headless Chromium (Debian's) driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.conftest import load_shipped_content

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# page actions are safe here (one thread at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots are written to docs/screenshots/ only when asked (`make screenshots`), so a test run
# never leaves the work tree changed; otherwise they go to a throwaway directory.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("CONFIANZA_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "confianza-screenshots"
)
PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    skip = None
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(reason="Chromium is not installed at /usr/bin/chromium")
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            skip = pytest.mark.skip(reason="playwright is not installed")
    for item in items:
        if "browser" in item.keywords and skip is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def handouts(transactional_db):
    """The shipped handouts (a live-server test flushes what the session set-up loaded)."""
    from counseling.models import Topic

    if not Topic.objects.exists():
        load_shipped_content()


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/intake/")


def switch_language(page, code: str) -> None:
    page.locator("#language-switch").select_option(code)
    page.locator("form:has(#language-switch) button[type=submit]").click()
    page.wait_for_load_state()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
