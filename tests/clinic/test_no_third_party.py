"""Nothing leaves the clinic: no page or stylesheet loads anything from another host.

Every GET page is rendered for a coordinator (who sees the most) and searched for absolute URLs in
src, href, action, srcset, poster, data and inline styles; every CSS file the app serves is searched
for url(...) and @import. data: URIs are fine. Inline scripts, inline style attributes and
<style> blocks fail too: the Content-Security-Policy would block them in a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.walk import World, iter_routes

URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "srcset", "background", "manifest"}
LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE | re.DOTALL)


def is_external(url: str) -> bool:
    url = url.strip()
    if not url or url.startswith(("data:", "#", "mailto:", "tel:")):
        return False
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True  # javascript:, ftp:, anything odd
    return bool(parts.netloc) and parts.hostname not in LOCAL_HOSTS


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                candidates = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.external.extend(f"<{tag} {name}={c}>" for c in candidates if is_external(c))
            if name == "style":
                self.inline.append(f"<{tag} style=...>")
            if name.startswith("on"):
                self.inline.append(f"<{tag} {name}=...>")
        if tag == "script" and not dict(attrs).get("src") and dict(attrs).get("type") not in ("application/json",):
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style> block")


def _routes():
    return [r for r in iter_routes() if r.namespace != "admin"]


@pytest.fixture
def world(site_a, site_b, volunteer_a, make_household):
    return World(site_a=site_a, site_b=site_b, household=make_household(site_a, volunteer_a))


@pytest.mark.parametrize("route", _routes(), ids=lambda r: r.name)
def test_no_page_loads_anything_from_another_host(db, world, route, coordinator_a):
    client = Client()
    client.force_login(coordinator_a)
    response = client.get(world.url(route), follow=True)
    if "html" not in response.get("Content-Type", ""):
        return  # a PDF or a redirect to one; PDFs are checked by the counseling tests' url_fetcher
    audit = PageAudit()
    audit.feed(response.content.decode())
    assert audit.external == [], f"{route.name}: {audit.external}"
    assert audit.inline == [], f"{route.name}: {audit.inline}"


def test_the_login_page_too(client):
    audit = PageAudit()
    audit.feed(client.get("/accounts/login/").content.decode())
    assert audit.external == [] and audit.inline == []


def _served_css() -> list[Path]:
    files = []
    for finder in finders.get_finders():
        for path, storage in finder.list(["*.map"]):
            if path.endswith(".css"):
                files.append(Path(storage.path(path)))
    return files


def test_the_app_serves_stylesheets():
    names = {path.name for path in _served_css()}
    assert "bootstrap.min.css" in names and "app.css" in names


@pytest.mark.parametrize("path", _served_css(), ids=lambda p: p.name)
def test_no_stylesheet_loads_anything_from_another_host(path):
    text = path.read_text(encoding="utf-8")
    found = [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(text)]
    external = [url[:80] for url in found if is_external(url)]
    assert external == [], f"{path}: {external}"


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("https://cdn.example.com/x.js", True),
        ("//fonts.googleapis.com/css", True),
        ("javascript:alert(1)", True),
        ("/static/app.css", False),
        ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E", False),
        ("http://testserver/intake/", False),
        ("#main", False),
    ],
)
def test_what_counts_as_another_host(url, external):
    assert is_external(url) is external


def test_it_catches_a_cdn_in_a_page():
    audit = PageAudit()
    audit.feed('<link rel="stylesheet" href="https://cdn.example.com/b.css"><img srcset="a.png 1x, https://x.example/b.png 2x">')
    assert len(audit.external) == 2


def test_static_settings_serve_from_this_app():
    assert settings.STATIC_URL.startswith("/")
