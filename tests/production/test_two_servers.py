"""Two app servers (two gunicorn processes on two loopback ports), one PostgreSQL database:
nothing that must be shared lives in one process's memory."""

from __future__ import annotations

import shutil

import pytest

from tests.production import scripts
from tests.production.support import Browser, Gunicorn, manage

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def servers(stack):
    a, b = Gunicorn(stack.env), Gunicorn(stack.env)
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_a_session_started_on_one_server_continues_on_the_other(stack, servers):
    a, b = servers
    browser = Browser(a.port)
    signed_in = browser.sign_in("coordinator-stack", scripts.PASSWORD, stack.totp_keys["coordinator-stack"])
    assert signed_in.status == 302, signed_in.text[:500]
    assert "__Host-sessionid" in browser.cookies
    on_b = browser.get("/intake/", port=b.port)
    assert on_b.status == 200
    # The signed-in desk (the list no longer names a single site; the sign-out button shows the session).
    assert "Sign out" in on_b.text and 'action="/accounts/logout/"' in on_b.text
    # Signing out on B ends the session on A too.
    page = browser.get("/intake/", port=b.port)
    browser.post("/accounts/logout/", {"csrfmiddlewaretoken": browser.csrf(page.text)}, port=b.port)
    assert browser.get("/intake/", port=a.port).status == 302


def test_the_login_lockout_is_counted_across_both_servers(servers):
    a, b = servers
    limit = 5  # CONFIANZA_LOCKOUT_FAILURES default
    for attempt in range(limit):
        browser = Browser((a, b)[attempt % 2].port)
        response = browser.sign_in("volunteer-lockout", "a-wrong-password-here")
        assert response.status in (200, 429)
    for server in (a, b):
        locked = Browser(server.port).sign_in("volunteer-lockout", scripts.PASSWORD)
        assert locked.status == 429, (server.port, locked.status)


def test_a_content_edit_is_seen_by_both_servers(stack, servers, tmp_path):
    from counseling.loader import CONTENT_DIR

    a, b = servers
    browser = Browser(a.port)
    assert browser.sign_in("volunteer-stack", scripts.PASSWORD, stack.totp_keys["volunteer-stack"]).status == 302
    before = {server.port: browser.get("/counseling/", port=server.port).text for server in servers}
    assert all("Two servers agree" not in text for text in before.values())
    # Warm each server's handout cache with the current version.
    for server in servers:
        assert browser.get("/counseling/handouts/confidentiality/en.pdf", port=server.port).status == 200

    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    handout = content / "topics" / "confidentiality" / "en.md"
    text = handout.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title"))
    handout.write_text(text.replace(title_line, 'title = "Two servers agree: your information stays private"', 1))
    manage(stack.env, "load_content", "--update", "--content-dir", str(content))

    for server in servers:
        listing = browser.get("/counseling/", port=server.port)
        assert "Two servers agree" in listing.text, server.port
        pdf = browser.get("/counseling/handouts/confidentiality/en.pdf", port=server.port)
        assert pdf.status == 200 and pdf.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    texts = [
        PdfReader(io.BytesIO(browser.get("/counseling/handouts/confidentiality/en.pdf", port=s.port).content))
        .pages[0].extract_text()
        for s in servers
    ]
    assert all("Two servers agree" in t for t in texts)
