"""Load the shipped content (``counseling/content/``) into the database.

Layout, written by content editors and reviewed like code:

* ``topics/<slug>/<language>.md``: TOML front matter between ``+++`` lines (title, summary, as_of,
  review_by, reviewer, tax_year, version_note, translator, translation_method, ``[[sources]]`` with
  title/citation/url), then the
  Markdown body.
* ``court_orders.toml``: ``[[order]]`` tables with the register's fields and ``[order.summary]``
  holding one plain-language summary per language code.

``manage.py load_content`` runs ``content_load(update=True)`` at every deployment, from ``make run``
and in the test set-up; no migration loads content (handouts are data, not schema). It never
overwrites and is idempotent: a file whose text matches a version already in the database creates
nothing, and a changed file becomes a new version, published or draft as its front matter's
``status`` says (published when absent). Without ``update`` only what is missing is created.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from clinic import clock
from counseling.models import COURT_ORDER_FIELDS, COURT_ORDER_TEXTS
from counseling.readability import readability
from counseling.recommendations import topic_position

CONTENT_DIR = Path(__file__).resolve().parent / "content"
HANDOUT_KEYS = {
    "title", "summary", "as_of", "review_by", "reviewer", "tax_year", "version_note", "sources", "status",
    "translator", "translation_method",
}
# What a content file may ask a new version to be.
HANDOUT_STATUSES = ("published", "draft")
REQUIRED_HANDOUT_KEYS = {"title", "as_of", "review_by", "reviewer"}
# Keys of one [[order]] table: the register's fields plus its key and per-language summaries.
ORDER_KEYS = {"key", *COURT_ORDER_FIELDS, *COURT_ORDER_TEXTS}
REQUIRED_ORDER_KEYS = {"key", "court", "case_name", "order_date", "what_it_does", "status", "last_verified"}
# The fields whose change makes a new handout version.
VERSIONED_FIELDS = (
    "title", "summary", "body_markdown", "as_of", "review_by", "reviewer", "tax_year", "sources",
    "translator", "translation_method",
)


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class HandoutText:
    slug: str
    language: str
    title: str
    as_of: Any
    review_by: Any
    reviewer: str
    body_markdown: str
    summary: str = ""
    tax_year: int | None = None
    version_note: str = ""
    sources: list = field(default_factory=list)
    status: str = "published"
    translator: str = ""
    translation_method: str = ""

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in VERSIONED_FIELDS}


def handout_languages() -> set[str]:
    return {code for code, _name in settings.HANDOUT_LANGUAGES}


def parse_handout(path: Path, *, slug: str | None = None) -> HandoutText:
    """Return the handout in one content file; raise ContentError naming the file on bad input."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    # topics/<slug>/<lang>.md is the current season; topics/<slug>/<year>/<lang>.md an older tax year.
    year_folder = path.parent.name if path.parent.name.isdigit() else None
    slug = slug or (path.parent.parent.name if year_folder else path.parent.name)
    language = path.stem
    if language not in handout_languages():
        raise ContentError(f"{path}: {language!r} is not a handout language")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise ContentError(f"{path}: front matter must start with a +++ line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration as exc:
        raise ContentError(f"{path}: front matter has no closing +++ line") from exc
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: front matter is not valid TOML: {exc}") from exc
    unknown = set(meta) - HANDOUT_KEYS
    missing = REQUIRED_HANDOUT_KEYS - set(meta)
    if unknown or missing:
        raise ContentError(f"{path}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if year_folder and meta.get("tax_year") != int(year_folder):
        raise ContentError(f"{path}: a file in the {year_folder}/ folder needs tax_year = {year_folder}")
    status = str(meta.get("status", "published")).strip()
    if status not in HANDOUT_STATUSES:
        raise ContentError(f"{path}: status must be one of {list(HANDOUT_STATUSES)}, not {status!r}")
    body = "\n".join(lines[end + 1 :]).strip() + "\n"
    # ``qr = true`` marks a page a client would open (an IRS or FTB page, in her language where one
    # exists): only those get a QR code. Legal sources are listed as short lines for volunteers.
    sources = [
        {key: str(source.get(key, "")).strip() for key in ("title", "citation", "url")}
        | ({"qr": True} if source.get("qr") is True else {})
        for source in meta.get("sources", [])
    ]
    return HandoutText(
        slug=slug,
        language=language,
        title=str(meta["title"]).strip(),
        summary=str(meta.get("summary", "")).strip(),
        as_of=meta["as_of"],
        review_by=meta["review_by"],
        reviewer=str(meta["reviewer"]).strip(),
        tax_year=meta.get("tax_year"),
        version_note=str(meta.get("version_note", "")).strip(),
        sources=sources,
        body_markdown=body,
        status=status,
        translator=str(meta.get("translator", "")).strip(),
        translation_method=str(meta.get("translation_method", "")).strip(),
    )


def read_handouts(content_dir: Path | None = None) -> list[HandoutText]:
    """Return every handout under ``content_dir/topics``, sorted by topic and language."""
    root = (content_dir or CONTENT_DIR) / "topics"
    if not root.is_dir():
        return []
    paths = sorted([*root.glob("*/*.md"), *root.glob("*/[0-9][0-9][0-9][0-9]/*.md")])
    return [parse_handout(path) for path in paths]


def read_court_orders(content_dir: Path | None = None) -> list[dict[str, Any]]:
    """Return the orders of ``court_orders.toml`` as dicts (``summary`` maps language → text)."""
    path = (content_dir or CONTENT_DIR) / "court_orders.toml"
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from exc
    orders = []
    for index, order in enumerate(data.get("order", []), start=1):
        unknown = set(order) - ORDER_KEYS
        missing = REQUIRED_ORDER_KEYS - set(order)
        if unknown or missing:
            raise ContentError(
                f"{path}: order #{index}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}"
            )
        orders.append(dict(order))
    return orders


def _models(apps):
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    return (
        apps.get_model("counseling", "Topic"),
        apps.get_model("counseling", "HandoutVersion"),
        apps.get_model("counseling", "CourtOrder"),
        apps.get_model("counseling", "CourtOrderSummary"),
    )


@transaction.atomic
def content_load(*, apps=None, update: bool = False, content_dir: Path | None = None) -> dict[str, int]:
    """Load topics, handout versions and the court-order register from the content files.

    A topic and language with no version gets version 1. With ``update``, a file whose text matches
    no version in the database becomes a new version, and changed orders are updated; a file that
    matches any version (the newest, or an older one an editor has since replaced in the admin)
    creates nothing. Each new version is published or a draft as the file's ``status`` says. Return
    counts of what was created or changed.
    """
    Topic, HandoutVersion, CourtOrder, CourtOrderSummary = _models(apps)
    counts = {"topics": 0, "versions": 0, "orders": 0, "unchanged": 0}
    handouts = read_handouts(content_dir)
    by_slug: dict[str, list[HandoutText]] = {}
    for handout in handouts:
        by_slug.setdefault(handout.slug, []).append(handout)
    for slug, items in by_slug.items():
        order = topic_position(slug, list(by_slug))
        titles = {item.language: item.title for item in items}
        topic, created = Topic.objects.get_or_create(slug=slug, defaults={"order": order, "titles": titles})
        counts["topics"] += int(created)
        if not created and (topic.titles != {**topic.titles, **titles} or topic.order != order):
            topic.titles = {**topic.titles, **titles}
            topic.order = order
            topic.save()
        for item in items:
            existing = HandoutVersion.objects.filter(topic=topic, language=item.language)
            # One line of versions per tax year: a 2025 text is compared with the 2025 versions only.
            known = [
                {name: getattr(v, name) for name in VERSIONED_FIELDS} for v in existing.filter(tax_year=item.tax_year)
            ]
            if known and (not update or item.values() in known):
                counts["unchanged"] += 1
                continue
            grade, formula = readability(item.body_markdown, item.language)
            number = (existing.aggregate(n=Max("version"))["n"] or 0) + 1
            HandoutVersion.objects.create(
                topic=topic,
                language=item.language,
                version=number,
                status=item.status,
                readability_grade=grade,
                readability_formula=formula,
                version_note=item.version_note,
                created_at=clock.now(),
                **item.values(),
            )
            counts["versions"] += 1
    register = register_load(apps=apps, update=update, content_dir=content_dir)
    counts["orders"] = register["orders"]
    counts["unchanged"] += register["unchanged"]
    return counts


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def _order_texts(data: dict) -> dict[str, dict[str, str]]:
    """Return language → {summary, court, details, status_text} from an order's text tables."""
    texts: dict[str, dict[str, str]] = {}
    for key, column in COURT_ORDER_TEXTS.items():
        for language, text in (data.pop(key, {}) or {}).items():
            texts.setdefault(language, {})[column] = str(text).strip()
    return texts


@transaction.atomic
def register_load(*, apps=None, update: bool = False, content_dir: Path | None = None) -> dict[str, int]:
    """Load the court-order register; with ``update``, bring changed orders and texts up to date.

    A field the given models do not have (an older migration state) is skipped, never guessed.
    """
    _Topic, _HandoutVersion, CourtOrder, CourtOrderSummary = _models(apps)
    order_fields, text_fields = _field_names(CourtOrder), _field_names(CourtOrderSummary)
    counts = {"orders": 0, "unchanged": 0}
    for data in read_court_orders(content_dir):
        texts = _order_texts(data)
        key = data.pop("key")
        fields = {
            "judge": "",
            "case_number": "",
            "status_note": "",
            "status_certain": False,
            "source_title": "",
            "source_url": "",
            "news_through": None,
            **data,
        }
        fields = {name: value for name, value in fields.items() if name in order_fields}
        wanted = {
            language: {column: text for column, text in values.items() if column in text_fields}
            for language, values in texts.items()
        }
        order = CourtOrder.objects.filter(key=key).first()
        if order is not None:
            current = {name: getattr(order, name) for name in fields}
            current_texts = {
                s.language: {column: getattr(s, column) for column in wanted.get(s.language, {})}
                for s in CourtOrderSummary.objects.filter(order=order)
            }
            if not update or (current == fields and current_texts == wanted):
                counts["unchanged"] += 1
                continue
            for name, value in fields.items():
                setattr(order, name, value)
            order.updated_at = clock.now()
            order.save()
            CourtOrderSummary.objects.filter(order=order).exclude(language__in=list(wanted)).delete()
        else:
            order = CourtOrder.objects.create(key=key, updated_at=clock.now(), **fields)
        for language, values in wanted.items():
            CourtOrderSummary.objects.update_or_create(order=order, language=language, defaults=values)
        counts["orders"] += 1
    return counts
