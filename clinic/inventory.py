"""The data inventory: every field of every model, classified (ASVS 14.1.1, FTC 314.4(c)(2)).

``tests/clinic/test_inventory.py`` walks every installed model and fails on a field missing here,
so a new field cannot land without someone deciding what it is. ``docs/privacy.md`` is written from
``MODELS`` and ``DATA_CLASSIFICATION`` (``python manage.py privacy_inventory``).

Classes:

* ``identifying`` — points at a person (a staff username, an IP address, a client's nickname).
* ``sensitive`` — what a client told us about their situation (ID types, ages, income, notes),
  or a secret that protects an account. The ID type stands in for immigration status: it is the
  most sensitive value the app holds.
* ``operational`` — needed to run the clinic, says nothing about a client (codes, dates, roles).
* ``aggregate`` — anonymous counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

IDENTIFYING = "identifying"
SENSITIVE = "sensitive"
OPERATIONAL = "operational"
AGGREGATE = "aggregate"
CLASSES = (IDENTIFYING, SENSITIVE, OPERATIONAL, AGGREGATE)

ID, SE, OP, AG = IDENTIFYING, SENSITIVE, OPERATIONAL, AGGREGATE

# Fields that must be stored encrypted (clinic.crypto): names, nicknames, notes and every ID type.
MUST_BE_ENCRYPTED = {
    "intake.Household": (
        "nickname", "notes", "taxpayer_id_type", "spouse_id_type",
        # "was this ITIN used lately" says the person holds an ITIN: as revealing as the ID type
        "taxpayer_itin_used_recently", "spouse_itin_used_recently",
        # holds the ID type and the credits found (intake.season)
        "season_outcome",
    ),
    "intake.Dependent": ("id_type",),
}

DATA_CLASSIFICATION: dict[str, dict[str, str]] = {
    # --- Clients (intake) -------------------------------------------------------------------
    "intake.Household": {
        "id": OP,
        "code": OP,
        "site": OP,
        "status": OP,
        "tax_year": OP,
        "language": OP,  # a language code to print handouts in; a weak proxy, kept short-lived with the household
        "nickname": ID,
        "notes": SE,
        "filing_status": SE,
        "taxpayer_id_type": SE,
        "taxpayer_age": SE,
        "taxpayer_foster_youth": SE,
        "spouse_id_type": SE,
        "spouse_age": SE,
        "spouse_foster_youth": SE,
        "taxpayer_qualified_tips": SE,
        "taxpayer_qualified_overtime": SE,
        "taxpayer_blind": SE,
        "taxpayer_itin_used_recently": SE,
        "spouse_qualified_tips": SE,
        "spouse_qualified_overtime": SE,
        "spouse_blind": SE,
        "spouse_itin_used_recently": SE,
        "car_loan_interest": SE,
        "wages": SE,
        "self_employment_income": SE,
        "other_income": SE,
        "investment_income": SE,
        "created_by": OP,
        "created_at": OP,
        "updated_at": OP,
        "last_visit_at": OP,
        "season_outcome": SE,  # the ID type and credits found, kept for the coordinator's counts
        "purge_after": OP,
        "closed_at": OP,
        "version": OP,
        "submission_token": OP,
    },
    "intake.Dependent": {
        "id": OP,
        "household": OP,
        "position": OP,
        "id_type": SE,
        "age": SE,
        "full_time_student": SE,
        "permanently_disabled": SE,
        "months_lived_with_filer": SE,
        "relationship": SE,
        "birth_year": SE,  # equivalent to the age at year end; kept only when typed
    },
    "intake.Consent": {"id": OP, "household": OP, "purpose": OP, "recorded_by": OP, "recorded_at": OP},
    "intake.SpentConsent": {"id": OP, "digest": OP, "spent_at": OP},
    # --- Handouts and the court-order register (public legal content, no client data) ----------
    "counseling.Topic": {"id": OP, "slug": OP, "order": OP, "titles": OP},
    "counseling.HandoutVersion": {
        "id": OP,
        "translator": OP,
        "translation_method": OP,
        "native_reviewer": OP,  # a content reviewer's name, as "reviewer": staff, not clients
        "native_reviewed_on": OP,
        "topic": OP,
        "language": OP,
        "version": OP,
        "title": OP,
        "summary": OP,
        "body_markdown": OP,
        "as_of": OP,
        "review_by": OP,
        "reviewer": ID,  # a staff member's name, for accountability of legal content
        "tax_year": OP,
        "version_note": OP,
        "sources": OP,
        "status": OP,
        "readability_grade": OP,
        "readability_formula": OP,
        "created_by": OP,
        "created_at": OP,
    },
    "counseling.CourtOrder": {
        "id": OP,
        "key": OP,
        "court": OP,
        "judge": OP,  # a public official named in a public record
        "case_name": OP,
        "case_number": OP,
        "order_date": OP,
        "what_it_does": OP,
        "status": OP,
        "status_note": OP,
        "status_certain": OP,
        "source_title": OP,
        "source_url": OP,
        "last_verified": OP,
        "news_through": OP,
        "updated_at": OP,
    },
    "counseling.CourtOrderSummary": {
        "id": OP, "order": OP, "language": OP, "summary": OP, "court": OP, "details": OP, "status_text": OP,
    },
    # --- The clinic itself --------------------------------------------------------------------
    "clinic.Site": {
        "id": OP,
        "slug": OP,
        "name": OP,
        "phone": OP,
        "hours": OP,
        "hours_translations": OP,
        "languages": OP,
        "shared_desks": OP,
        "created_at": OP,
    },
    "clinic.Referral": {
        "id": OP,
        "site": OP,
        "kind": OP,
        "order": OP,
        "name": OP,
        "phone": OP,
        "hours": OP,
        "note": OP,
        "translations": OP,
    },
    "clinic.Membership": {"id": OP, "user": OP, "site": OP, "role": OP, "is_active": OP, "created_at": OP},
    "clinic.AuditEntry": {
        "id": OP,
        "at": OP,
        "actor": OP,
        "site": OP,
        "action": OP,
        "visit_code": OP,
        "data": OP,
        "redacted": OP,
    },
    "clinic.SeasonCounter": {
        "id": AG, "site": AG, "period": AG, "week": AG, "id_type": AG, "credit": AG, "status": AG, "count": AG,
        "amount": AG,
    },
    "clinic.PendingSeasonCount": {"id": AG, "site": AG, "cells": AG},
    "clinic.ActivityCounter": {
        "id": AG, "site": AG, "day": AG, "activity": AG, "topic": AG, "language": AG, "count": AG,
    },
    # --- Staff accounts and sign-in -----------------------------------------------------------
    "auth.User": {
        "id": OP,
        "password": SE,
        "last_login": OP,
        "is_superuser": OP,
        "username": ID,
        "first_name": ID,
        "last_name": ID,
        "email": ID,
        "is_staff": OP,
        "is_active": OP,
        "date_joined": OP,
        "groups": OP,
        "user_permissions": OP,
    },
    "auth.Group": {"id": OP, "name": OP, "permissions": OP},
    "auth.Permission": {"id": OP, "name": OP, "content_type": OP, "codename": OP},
    "contenttypes.ContentType": {"id": OP, "app_label": OP, "model": OP},
    "admin.LogEntry": {
        "id": OP,
        "action_time": OP,
        "user": OP,
        "content_type": OP,
        "object_id": OP,
        "object_repr": OP,
        "action_flag": OP,
        "change_message": OP,
    },
    "sessions.Session": {"session_key": SE, "session_data": OP, "expire_date": OP},
    "otp_totp.TOTPDevice": {
        "id": OP,
        "user": OP,
        "name": OP,
        "confirmed": OP,
        "throttling_failure_timestamp": OP,
        "throttling_failure_count": OP,
        "created_at": OP,
        "last_used_at": OP,
        "key": SE,
        "step": OP,
        "t0": OP,
        "digits": OP,
        "tolerance": OP,
        "drift": OP,
        "last_t": OP,
    },
    "otp_static.StaticDevice": {
        "id": OP,
        "user": OP,
        "name": OP,
        "confirmed": OP,
        "throttling_failure_timestamp": OP,
        "throttling_failure_count": OP,
        "created_at": OP,
        "last_used_at": OP,
    },
    "otp_static.StaticToken": {"id": OP, "device": OP, "token": SE},
    "axes.AccessAttempt": {
        "id": OP,
        "user_agent": ID,
        "ip_address": ID,
        "username": ID,
        "http_accept": OP,
        "path_info": OP,
        "attempt_time": OP,
        "get_data": OP,
        "post_data": OP,
        "failures_since_start": OP,
    },
    "axes.AccessAttemptExpiration": {"access_attempt": OP, "expires_at": OP},
    "axes.AccessFailureLog": {
        "id": OP,
        "user_agent": ID,
        "ip_address": ID,
        "username": ID,
        "http_accept": OP,
        "path_info": OP,
        "attempt_time": OP,
        "locked_out": OP,
    },
    "axes.AccessLog": {
        "id": OP,
        "user_agent": ID,
        "ip_address": ID,
        "username": ID,
        "http_accept": OP,
        "path_info": OP,
        "attempt_time": OP,
        "logout_time": OP,
        "session_hash": OP,
    },
}


@dataclass(frozen=True)
class ModelNote:
    """Plain words for docs/privacy.md: what a table is for, how long it lives, who sees it."""

    what: str
    why: str
    kept: str
    who: str


MODELS: dict[str, ModelNote] = {
    "intake.Household": ModelNote(
        what=_("A family's visit: a random visit code, an optional nickname, each filer's ID type "
               "(never the number), ages, filing status, income estimates and notes, and the credits "
               "its screening found (for the coordinator's season counts, never shown one by one)."),
        why=_("To tell the family which credits they can get and why, and to pick the right handouts."),
        kept=_("Until its purge date: 30 days after the last visit, never past the end of the filing "
               "season. Then it is deleted. Withdrawing consent deletes it at once."),
        who=_("Volunteers and the coordinator of the site where the family came. Every look is logged."),
    ),
    "intake.Dependent": ModelNote(
        what=_("Each child or other dependent: ID type, age at year end, months lived together. No name."),
        why=_("The credits depend on them."),
        kept=_("Deleted with the household."),
        who=_("As for the household."),
    ),
    "intake.Consent": ModelNote(
        what=_("That the client agreed to have their answers recorded, when, and which volunteer took it."),
        why=_("Nothing is recorded without consent."),
        kept=_("Deleted with the household."),
        who=_("As for the household."),
    ),
    "intake.SpentConsent": ModelNote(
        what=_("A fingerprint of each consent already used to record a household, and the hour it was used. "
               "It does not say which household."),
        why=_("A consent records one household: the same form sent again records nothing."),
        kept=_("About five hours, as long as the consent itself could be used."),
        who=_("Nobody reads it; the app checks it."),
    ),
    "clinic.AuditEntry": ModelNote(
        what=_("Who looked at, printed, changed or deleted a household's record, when, and its visit code. "
               "Never a name, nickname, note, ID type, age or amount."),
        why=_("So that every look can be accounted for."),
        kept=_("The entry stays; when the household is purged its visit code and details are erased."),
        who=_("The site's coordinator."),
    ),
    "clinic.SeasonCounter": ModelNote(
        what=_("Anonymous counts per site and week (or month, or season): how many households, by ID type and by "
               "credit result; never fewer than 5 in a row."),
        why=_("To report the season's work to funders without keeping anyone's record."),
        kept=_("For the season's reports. Counts under 5 are never shown."),
        who=_("The site's coordinator."),
    ),
    "clinic.PendingSeasonCount": ModelNote(
        what=_("Anonymous counts not yet added to the season counters because fewer than 5 households share "
               "them; encrypted."),
        why=_("So that no stored count can single out a family."),
        kept=_("Until the count reaches 5, alone or merged into a longer period."),
        who=_("Nobody reads it; the app checks it."),
    ),
    "clinic.ActivityCounter": ModelNote(
        what=_("Anonymous counts per site and day: anonymous screenings, and handouts printed by topic and language. "
               "No visit code, no ID type, no person."),
        why=_("So the coordinator sees the desk's work during the season."),
        kept=_("For the season's reports. Counts under 5 are never shown."),
        who=_("The site's coordinator."),
    ),
    "clinic.Site": ModelNote(
        what=_("The clinic's name, phone and hours (printed on handouts)."),
        why=_("Handouts say where to come back."),
        kept=_("While the site exists."),
        who=_("Everyone at the site."),
    ),
    "clinic.Referral": ModelNote(
        what=_("The places a site sends clients (legal help, W-7 help, help lines), printed under “Where to go”."),
        why=_("A handout should say where to go next, in the client's language."),
        kept=_("While the site keeps the line on its list."),
        who=_("Everyone at the site; the coordinator edits it."),
    ),
    "clinic.Membership": ModelNote(
        what=_("Which volunteer works at which site, in which role."),
        why=_("Access to households goes only through a membership."),
        kept=_("While the volunteer is on the team; deactivated, never deleted, so the audit log keeps its meaning."),
        who=_("The site's coordinator."),
    ),
    "auth.User": ModelNote(
        what=_("Staff accounts: username, optional name and email, a password hash (Argon2)."),
        why=_("Every person who signs in has their own account."),
        kept=_("While the person volunteers; then deactivated."),
        who=_("Administrators."),
    ),
    "sessions.Session": ModelNote(
        what=_("Who is signed in on which browser."),
        why=_("To keep a volunteer signed in between pages."),
        kept=_("Ends after 15 minutes idle (less at shared desks), 12 hours at most, or at sign-out."),
        who=_("Nobody reads it; the app uses it."),
    ),
    "otp_totp.TOTPDevice": ModelNote(
        what=_("The secret behind each volunteer's authenticator app (two-factor sign-in)."),
        why=_("A stolen password alone must not open client records."),
        kept=_("While the account exists."),
        who=_("Nobody reads it; the app checks codes against it."),
    ),
    "otp_static.StaticDevice": ModelNote(
        what=_("Each volunteer's set of one-time backup codes."),
        why=_("To sign in when the phone is lost."),
        kept=_("While the account exists; each code is deleted when used."),
        who=_("Nobody reads it."),
    ),
    "otp_static.StaticToken": ModelNote(
        what=_("One backup code."), why=_("As above."), kept=_("Deleted when used."), who=_("Nobody reads it.")
    ),
    "axes.AccessAttempt": ModelNote(
        what=_("Failed sign-ins: username, network address, browser."),
        why=_("To lock out password guessing."),
        kept=_("Cleared on a successful sign-in; prune with `manage.py axes_reset`."),
        who=_("Administrators."),
    ),
    "axes.AccessAttemptExpiration": ModelNote(
        what=_("When a failed-sign-in record expires."), why=_("As above."), kept=_("As above."),
        who=_("Administrators."),
    ),
    "axes.AccessFailureLog": ModelNote(
        what=_("A log of failed sign-ins."), why=_("Security monitoring."),
        kept=_("Prune with `manage.py axes_reset_failure_logs --age DAYS`."), who=_("Administrators."),
    ),
    "axes.AccessLog": ModelNote(
        what=_("Sign-ins and sign-outs of staff: username, network address, browser."),
        why=_("Security monitoring (who used the system when)."),
        kept=_("Prune with `manage.py axes_reset_logs --age DAYS`."), who=_("Administrators."),
    ),
    "admin.LogEntry": ModelNote(
        what=_("Changes made through the administration pages."), why=_("Accountability for administrators."),
        kept=_("While the site exists."), who=_("Administrators."),
    ),
    "counseling.Topic": ModelNote(
        what=_("Handout topics."), why=_("To print the right handouts."), kept=_("While in use."),
        who=_("Everyone at the clinic."),
    ),
    "counseling.HandoutVersion": ModelNote(
        what=_("Each version of each handout's text, with its sources, dates and reviewer."),
        why=_("Legal content must say where it comes from and when it was checked."),
        kept=_("Every version is kept, so that what was handed out can be shown later."),
        who=_("Everyone at the clinic; content editors change it."),
    ),
    "counseling.CourtOrder": ModelNote(
        what=_("Public court orders about IRS–ICE data sharing."), why=_("Handouts explain them."),
        kept=_("While they matter."), who=_("Everyone at the clinic."),
    ),
    "counseling.CourtOrderSummary": ModelNote(
        what=_("A plain-language summary of a court order, per language."), why=_("Handouts explain them."),
        kept=_("While they matter."), who=_("Everyone at the clinic."),
    ),
    "auth.Group": ModelNote(what=_("Permission groups."), why=_("Access control."), kept=_("—"),
                            who=_("Administrators.")),
    "auth.Permission": ModelNote(what=_("Permission names."), why=_("Access control."), kept=_("—"),
                                 who=_("Administrators.")),
    "contenttypes.ContentType": ModelNote(what=_("Table names."), why=_("Django internals."), kept=_("—"),
                                          who=_("Nobody.")),
}


def model_fields(model) -> list[str]:
    """Return the names of a model's stored fields (columns and many-to-many relations)."""
    return [f.name for f in [*model._meta.local_concrete_fields, *model._meta.local_many_to_many]]


def unclassified_fields(models) -> list[str]:
    """Return ``app.Model.field`` for every field of ``models`` missing from the registry."""
    missing = []
    for model in models:
        known = DATA_CLASSIFICATION.get(model._meta.label, {})
        missing.extend(f"{model._meta.label}.{name}" for name in model_fields(model) if name not in known)
    return missing
