"""Print a handout, or a packet of every topic in one language, to a PDF file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinic.languages import handout_codes, normalize_language
from clinic.models import Site
from counseling.handouts import render_handout, render_packet
from counseling.models import HandoutVersion, Topic
from counseling.selectors import latest_version


class Command(BaseCommand):
    help = (
        "Write the newest published handout of a topic in a language to a PDF file; with --all, a "
        "packet of every topic published in that language. Without --site the footer is neutral "
        "(no site name or phone). Exit status 2 on an unknown topic, language or site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--topic", help="topic slug, e.g. itin")
        parser.add_argument("--all", action="store_true", help="every topic in the language, as one packet")
        parser.add_argument("--language", required=True, help="language code, e.g. en, es, zh-hans (zh-Hans, ko-KR and the like are accepted)")
        parser.add_argument("--output", required=True, help="PDF file to write")
        parser.add_argument("--site", help="site short name for the footer (name and phone)")

    def handle(self, *args, topic=None, all=False, language, output, site=None, **options):  # noqa: A002
        if bool(topic) == bool(all):
            raise CommandError("give either --topic SLUG or --all", returncode=2)
        code = normalize_language(language)
        if code is None:
            raise CommandError(
                f"unknown language {language!r}; choose one of: {', '.join(handout_codes())}"
                " (written any way: zh-Hans, zh_hant, ko-KR, es-MX, fil)",
                returncode=2,
            )
        language = code
        site_obj = None
        if site:
            site_obj = Site.objects.filter(slug=site).first()
            if site_obj is None:
                known = ", ".join(Site.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"unknown site {site!r}; known sites: {known}", returncode=2)
        if all:
            topics = [t for t in Topic.objects.all() if latest_version(t, language) is not None]
            if not topics:
                raise CommandError(f"no published handouts in {language!r}", returncode=2)
            rendered = render_packet(items=[(t, language, 1) for t in topics], site=site_obj)
        else:
            topic_obj = Topic.objects.filter(slug=topic).first()
            if topic_obj is None:
                known = ", ".join(Topic.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"unknown topic {topic!r}; known topics: {known}", returncode=2)
            if latest_version(topic_obj, language) is None:
                have = sorted(
                    set(
                        HandoutVersion.objects.filter(
                            topic=topic_obj, status=HandoutVersion.Status.PUBLISHED
                        ).values_list("language", flat=True)
                    )
                )
                raise CommandError(
                    f"{topic!r} has no published version in {language!r}; it has: {', '.join(have) or 'none'}",
                    returncode=2,
                )
            rendered = render_handout(topic=topic_obj, language=language, site=site_obj)
        path = Path(output)
        path.write_bytes(rendered.content)
        self.stdout.write(f"wrote {path} ({len(rendered.content):,} bytes)")
