"""``manage.py screen FILE``: screen households from JSON without touching the database."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sys

import orjson
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
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="processes that screen in parallel (each takes a share of the list; the output is the "
            f"same). Default: one per CPU core for {PARALLEL_FROM} households or more, else one",
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
            self._screen(options["file"], options.get("jobs"))

    def _screen(self, path: str, options_jobs: int | None) -> None:
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
        jobs = _jobs(options_jobs, len(households))
        entries = []  # one JSON text per input household, in input order
        problems = []
        seen: dict[str, int] = {}
        for position, (household_id, text, errors) in enumerate(_screened(households, jobs), start=1):
            if errors is None:
                first = seen.setdefault(household_id, position) if household_id else position
                if first == position:
                    entries.append(text)
                    continue
                errors = [("id", gettext("is the same as household #%(first)s's; each household needs its own id") % {"first": first})]
            obj = households[position - 1]
            name = _name(obj, position)
            for field, message in errors:
                problems.append(f"household {name}: {field or '(whole household)'}: {message}")
            # One entry per input household, in input order, so batch users can line them up.
            entries.append(_dumps({"id": _safe_id(obj), "errors": [{"field": f, "message": m} for f, m in errors]}))
        # The entries joined as a compact encoder joins a list's items: the JSON of the whole list.
        self.stdout.write("[" + ",".join(entries) + "]")
        if problems:
            self.stderr.write("\n".join(problems))
            sys.exit(2)


# Below this many households one process is quicker than starting others.
PARALLEL_FROM = 1000
CHUNK = 250  # households per task: small enough to share the work evenly, large enough to be cheap


def _dumps(obj) -> str:
    """Compact JSON, UTF-8 as it is (orjson: about a seventh of the standard encoder's time on these results)."""
    return orjson.dumps(obj).decode()


def _jobs(requested: int | None, count: int) -> int:
    """The number of processes: as asked, else one per usable core for a large batch; one where fork is missing."""
    if requested is not None and requested < 1:
        raise CommandError("--jobs must be 1 or more", returncode=2)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if requested is not None:
        return requested
    if count < PARALLEL_FROM:
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _screen_one(obj) -> tuple[str | None, str | None, list | None]:
    """Screen one input object: (its id, its result as JSON text, None), or (None, None, its problems)."""
    try:
        household = parse_household(obj)
        return household.id, _dumps(assess(household).as_dict()), None
    except HouseholdError as exc:
        return None, None, [(field, str(message)) for field, message in exc.problems]


# The batch being screened. Worker processes are forked after it is set, so they read it from
# memory they share with the parent (copy on write) and receive only the bounds of their share.
_BATCH: list = []


def _screen_range(bounds: tuple[int, int]) -> list:
    start, stop = bounds
    return [_screen_one(obj) for obj in _BATCH[start:stop]]


def _screened(households: list, jobs: int):
    """Yield ``_screen_one`` for every household in order, in ``jobs`` processes.

    The results are plain trees without reference cycles (reference counting frees them), but the
    cyclic collector would scan every live result again and again as the list grows: on 10,000
    households that was half the run time. It is paused for the batch (the workers inherit that).
    """
    global _BATCH
    collecting = gc.isenabled()
    gc.disable()
    try:
        if jobs == 1:
            yield from map(_screen_one, households)
            return
        _BATCH = households
        bounds = [(i, min(i + CHUNK, len(households))) for i in range(0, len(households), CHUNK)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for part in pool.imap(_screen_range, bounds):
                yield from part
    finally:
        _BATCH = []
        if collecting:
            gc.enable()


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
