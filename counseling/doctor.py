"""counseling's check for ``manage.py doctor`` (clinic/doctor.py): the content is loaded and in date."""

from __future__ import annotations

from clinic import clock
from clinic.doctor import Result, register
from counseling.loader import VERSIONED_FIELDS, read_handouts
from counseling.models import HandoutVersion
from counseling.selectors import latest_published


@register("content", "handout content", order=50, needs=("migrations",))
def check_content() -> Result:
    """Every shipped handout file has its version in the database, and no published one is stale."""
    shipped = read_handouts()
    stored: dict[tuple[str, str], list[dict]] = {}
    for version in HandoutVersion.objects.select_related("topic"):
        stored.setdefault((version.topic.slug, version.language), []).append(
            {name: getattr(version, name) for name in VERSIONED_FIELDS}
        )
    missing = [f"{h.slug}/{h.language}" for h in shipped if (h.slug, h.language) not in stored]
    if missing:
        return Result(False, f"{len(missing)} shipped handout(s) not loaded", "run: manage.py load_content")
    behind = [f"{h.slug}/{h.language}" for h in shipped if h.values() not in stored[(h.slug, h.language)]]
    if behind:
        return Result(
            False,
            f"{len(behind)} handout(s) older than this release's text ({', '.join(behind[:3])})",
            "run: manage.py load_content",
        )
    latest = {(v.topic.slug, v.language): v for v in latest_published().values()}
    today = clock.today()
    stale = sorted(f"{slug}/{lang}" for (slug, lang), v in latest.items() if v.is_stale(today))
    if stale:
        return Result(
            False,
            f"{len(stale)} handout(s) past their review-by date ({', '.join(stale[:3])})",
            "have the content reviewer check them and publish new versions (docs/content.md)",
        )
    return Result(True, f"{len(latest)} handouts loaded, current and in date")
