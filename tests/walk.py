"""Walk every named URL pattern of the project, with real objects for its arguments.

New URLs from any app are covered automatically; a URL argument with no known value fails the walk
and asks for one in ``KWARG_VALUES`` (by argument name) or ``URL_KWARG_VALUES`` (by URL name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "intake:household-detail"
    kwargs: frozenset[str]

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]


def iter_routes(patterns=None, namespace: str = "", outer: frozenset[str] = frozenset()) -> Iterator[Route]:
    """Yield every named URL pattern with the names of all its arguments (outer ones included)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        names = outer | frozenset(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (pattern.namespace or namespace)
            yield from iter_routes(pattern.url_patterns, inner, names)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield Route(f"{namespace}:{pattern.name}" if namespace else pattern.name, names)


@dataclass
class World:
    """The objects of site A that URL arguments point at."""

    site_a: object
    site_b: object
    household: object  # of site A

    def value_for(self, route: Route, kwarg: str):
        by_url = URL_KWARG_VALUES.get((route.name, kwarg)) or URL_KWARG_VALUES.get((route.namespace, kwarg))
        maker: Callable | None = by_url or KWARG_VALUES.get(kwarg)
        if maker is None:
            pytest.fail(
                f"URL {route.name!r} takes {kwarg!r}: add a value for it in tests/walk.py "
                "(KWARG_VALUES or URL_KWARG_VALUES) so every persona can be walked over it"
            )
        return maker(self)

    def url(self, route: Route) -> str:
        return reverse(route.name, kwargs={kwarg: self.value_for(route, kwarg) for kwarg in sorted(route.kwargs)})


def _first_pk(label: str) -> Callable[[World], str]:
    def make(world: World):
        from django.apps import apps

        obj = apps.get_model(label).objects.order_by("pk").first()
        if obj is None:
            pytest.fail(f"the walk needs at least one {label} (load it in the world fixture)")
        return obj.pk

    return make


def _topic_slug(world: World) -> str:
    from django.apps import apps

    topic = apps.get_model("counseling", "Topic").objects.order_by("pk").first()
    if topic is None:
        pytest.fail("the walk needs at least one counseling topic")
    return topic.slug


# Values by argument name. Site-scoped ones point at site A.
KWARG_VALUES: dict[str, Callable[[World], object]] = {
    "code": lambda world: world.household.code,
    "slug": lambda world: world.site_a.slug,
    "topic": _topic_slug,
    "language": lambda world: "en",
    "uidb64": lambda world: "MQ",
    "token": lambda world: "set-password",
}
# Values for one URL (or one namespace) where the argument name alone is ambiguous.
URL_KWARG_VALUES: dict[tuple[str, str], Callable[[World], object]] = {
    ("counseling:version-preview", "pk"): _first_pk("counseling.HandoutVersion"),
    ("admin", "app_label"): lambda world: "auth",
    ("admin", "object_id"): lambda world: str(world.site_a.pk),
    ("admin", "content_type_id"): lambda world: "1",
    ("admin", "id"): lambda world: str(world.site_a.pk),
    ("admin", "pk"): lambda world: str(world.site_a.pk),
}
# Arguments that name something belonging to one site: another site's staff must get a 404.
SITE_SCOPED_KWARGS = frozenset({"code", "slug"})


class FormCollector(HTMLParser):
    """Collect every <form> on a page: action, method and fields as (kind, name, value)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea") and a.get("name"):
            self._form["fields"].append((tag if tag == "textarea" else a.get("type", "text").lower(), a["name"], a.get("value", "")))
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].append(("select", a["name"], None))
        elif self._form is not None and tag == "option" and self._select is not None:
            fields = self._form["fields"]
            if fields[-1][2] is None and a.get("value"):
                fields[-1] = ("select", self._select, a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str) -> list[dict]:
    collector = FormCollector()
    collector.feed(html)
    return collector.forms
