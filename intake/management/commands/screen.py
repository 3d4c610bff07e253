"""``manage.py screen FILE``: screen households from JSON without touching the database."""

from __future__ import annotations

import gc
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext

from clinic.languages import interface_codes, normalize_interface_language
from clinic.validators import looks_like_tin
from intake.eligibility import HouseholdError, assess, parse_household


class Command(BaseCommand):
    help = (
        "Screen households for federal and California credits. FILE holds one household object or a "
        "list of them (the JSON of docs/architecture.md); '-' reads standard input. Prints a JSON list with one entry "
        "per input household, in input order: its result, or {\"id\": ..., \"errors\": [...]} when it is invalid. Problems go to standard error, one line per problem "
        "naming the household (its id, or its position) and the field; then the exit status is 2."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, or '-' for standard input")
        parser.add_argument(
            "--language",
            default=None,
            help="language of the messages (an interface language: en, es; es-MX and the like are "
            "accepted); English by default",
        )

    def handle(self, *args, **options):
        language = settings.LANGUAGE_CODE
        if options.get("language") is not None:
            language = normalize_interface_language(options["language"])
            if language is None:
                raise CommandError(
                    f"unknown language {options['language']!r} for messages; choose one of: "
                    f"{', '.join(interface_codes())}",
                    returncode=2,
                )
        with translation.override(language):
            self._screen(options["file"])

    def _screen(self, path: str) -> None:
        try:
            if path == "-":
                data = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=2) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}", returncode=2) from exc

        households = data if isinstance(data, list) else [data]
        results = []
        problems = []
        seen: dict[str, int] = {}
        # The results are plain trees without reference cycles (reference counting frees them), but
        # the cyclic collector would scan every live result again and again as the list grows: on
        # 10,000 households that was half the run time. Pause it for the batch.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for position, obj in enumerate(households, start=1):
                try:
                    household = parse_household(obj)
                    first = seen.setdefault(household.id, position) if household.id else position
                    if first != position:
                        raise HouseholdError([("id", gettext("is the same as household #%(first)s's; each household needs its own id") % {"first": first})])
                    results.append(assess(household).as_dict())
                except HouseholdError as exc:
                    name = _name(obj, position)
                    errors = []
                    for field, message in exc.problems:
                        problems.append(f"household {name}: {field or '(whole household)'}: {message}")
                        errors.append({"field": field, "message": message})
                    # One entry per input household, in input order, so batch users can line them up.
                    results.append({"id": _safe_id(obj), "errors": errors})
        finally:
            if collecting:
                gc.enable()
        # Compact JSON: the indented encoder is pure Python and several times slower.
        self.stdout.write(json.dumps(results, ensure_ascii=False))
        if problems:
            self.stderr.write("\n".join(problems))
            sys.exit(2)


def _safe_id(obj) -> str | None:
    """Return the household's id for its error entry, unless it is unusable or shaped like an ID number."""
    household_id = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(household_id, int) and not isinstance(household_id, bool):
        household_id = str(household_id)
    if not isinstance(household_id, str) or len(household_id) > 100 or looks_like_tin(household_id):
        return None
    return household_id


def _name(obj, position: int) -> str:
    household_id = _safe_id(obj)
    if household_id:
        return f"{household_id!r} (#{position})"
    return f"#{position}"
