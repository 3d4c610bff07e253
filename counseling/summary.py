"""The client summary: one page of a household's estimated credits, in the client's language.

A renderer only: it is given the engine's screening and the household's facts and returns a
``Rendered`` PDF held in memory. The service that assesses the household, calls this and logs the
print is ``counseling.services.client_summary_print``; an anonymous screening prints through the
same service without a household (nothing is written but the anonymous print counter).

What the page says, and why:
- it opens with what the family can get: *money back* (the refundable amounts, paid even when no
  tax is owed) and *tax lowered* (the rest), apart, each with its total; an amount the engine marks
  ``estimate`` (California TY2026) carries the engine's plain reason;
- each "no" is explained by the general rule of the credit (``RULES``, keyed by the engine's
  reason codes), never by who on the return has which ID; credits that cannot apply to this
  family at all (``DOES_NOT_APPLY``: no child under 6 for the Young Child Tax Credit, no foster
  youth, …) are left out;
- people are named as the client knows them ("your 4-year-old child", "your spouse");
- the next steps come from the engine's flags and its computed changes (``Change.amount_after``),
  only those that apply.
No name, no visit code and no ID type is printed; the nickname only when the volunteer ticks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from counseling import figures
from counseling.handouts import date_words, site_footer, site_referrals
from counseling.pdf import PDF, Rendered, document_context, html_to_document
from intake.eligibility.result import CREDIT_KEYS, Status

ZERO = Decimal(0)
# The summary is one sheet, one side: a family takes it home with the handouts.
SUMMARY_PAGES = 1
# Layouts tried in turn until the page fits (a large family with many "no"s needs the smaller ones).
LAYOUTS = ("roomy", "compact", "tight")

# A "no" whose every reason is one of these is about a credit that cannot apply to this family (no
# child of the age, nobody in foster care, not living in California): it is left off the page.
DOES_NOT_APPLY = frozenset({
    "ctc_no_child_under_17", "odc_no_dependents", "yctc_no_child_under_6", "fytc_no_foster_youth",
    "ca_not_resident", "residency_not_counted", "declined_no_effect",
})

# The general rule behind each "no", in plain words, by the engine's reason code. Whole sentences;
# placeholders are the reason's own parameters (amounts already written as money). None of them
# says who has which ID; a rule about numbers says what the credit needs, for everyone.
RULES = {
    "id_declined": gettext_lazy("Some answers were not given, so this credit cannot be figured yet. You can give them to the volunteer later."),
    "filer_no_tin": gettext_lazy("Everyone who files the return needs a Social Security number or a tax number from the IRS to get this credit."),
    "ctc_no_filer_work_ssn": gettext_lazy("From %(year)s this credit needs a Social Security number that allows work for the person who files, or for one of the two spouses on a joint return. Children can count for the Credit for Other Dependents instead."),
    "ctc_child_no_work_ssn": gettext_lazy("This credit counts only children who have a Social Security number that allows work."),
    "ctc_child_17_or_older": gettext_lazy("This credit is for children under 17 at the end of the year."),
    "ctc_phased_out": gettext_lazy("This credit gets smaller when income is above %(threshold)s, and at your income it is $0."),
    "ctc_no_tax_no_earnings": gettext_lazy("There is no federal income tax for this credit to lower, and the part paid back needs income from work above %(threshold)s."),
    "ctc_depends_on_eitc": gettext_lazy("The part paid back depends on the Earned Income Tax Credit, which cannot be figured yet."),
    "odc_dependent_no_tin": gettext_lazy("This credit counts only people who have a Social Security number or a tax number from the IRS."),
    "odc_no_income_tax": gettext_lazy("This credit only lowers federal income tax, and there is no income tax left for it to lower."),
    "eitc_filer_no_work_ssn": gettext_lazy("This credit needs a Social Security number that allows work for the person who files and, on a joint return, for the spouse too."),
    "eitc_child_no_work_ssn": gettext_lazy("For this credit a child counts only with a Social Security number that allows work."),
    "eitc_dependent_not_qualifying_child": gettext_lazy("A child counts for this credit if under 19 at the end of the year (under 24 if a full-time student, any age if permanently disabled) and lived with you more than half the year."),
    "eitc_childless_age": gettext_lazy("Without a child who counts, the person who files (or one of the spouses) must be 25 to 64 at the end of the year."),
    "eitc_investment_income_over_limit": gettext_lazy("Income from savings and investments (%(amount)s) is above this credit's limit of %(limit)s."),
    "eitc_no_earned_income": gettext_lazy("This credit needs income from work, and none was reported."),
    "eitc_income_too_high": gettext_lazy("At your income this credit is $0: for your family it ends at %(end)s."),
    "eitc_mfs_no_child": gettext_lazy("When married people file separately, this credit needs a child who counts."),
    "eitc_mfs_separation_question": gettext_lazy("When married people file separately, this credit needs you to have lived apart from your spouse for the last 6 months of the year, or a written separation agreement. Tell the volunteer."),
    "ca_married_filing_separately": gettext_lazy("California's credits for workers cannot be claimed by married people who file separately."),
    "ca_filer_no_ssn_or_itin": gettext_lazy("California's credits need a Social Security number or a tax number from the IRS for the person who files and the spouse."),
    "ca_eitc_min_age": gettext_lazy("The person who files (or the spouse) must be at least 18 at the end of the year."),
    "ca_investment_income_over_limit": gettext_lazy("Income from savings and investments (%(amount)s) is above California's limit of %(limit)s."),
    "ca_no_earned_income": gettext_lazy("This credit needs income from work, and none was reported."),
    "ca_income_too_high": gettext_lazy("Your income must be below %(limit)s for California's credits for workers."),
    "ca_child_no_ssn_or_itin": gettext_lazy("For California's credits a child counts only with a Social Security number or a tax number from the IRS."),
    "yctc_phase_out": gettext_lazy("This credit gets smaller when income from work is above %(start)s, and at your income it is $0."),
    "yctc_losses_over_limit": gettext_lazy("With no income from work, this credit is allowed only if business losses are not more than %(limit)s."),
    "yctc_zero_earnings_readings_differ": gettext_lazy("For families with no income from work, the rule is not settled yet. The volunteer will check it."),
    "yctc_zero_earnings_rule": gettext_lazy("For families with no income from work, the volunteer will check the rule before counting this credit."),
    "fytc_age": gettext_lazy("This credit is for people aged 18 to 25 at the end of the year."),
    "fytc_needs_caleitc": gettext_lazy("This credit is only for people who get the California Earned Income Tax Credit."),
    "residency_ask_release": gettext_lazy("A child who lived with you less than half the year may still count if the other parent signs a release (Form 8332). Tell the volunteer."),
    "spouse_files_jointly": gettext_lazy("Filing together with your spouse may make this credit possible. Ask the volunteer."),
    "mfs_separated_spouse": gettext_lazy("If you lived apart from your spouse for the last 6 months of the year, this credit may be allowed. Tell the volunteer."),
    "mfs_file_jointly": gettext_lazy("Filing together with your spouse could make California's credits possible. Ask the volunteer."),
    "credit_depends_on_open_deduction": gettext_lazy("This depends on a rule that is not settled yet. The volunteer will check it."),
}
# Rules that decide a credit on their own (about the people who file, or the income): when one
# applies, the rules about a child are left off.
FIRST_RULES = frozenset({
    "id_declined", "filer_no_tin", "ctc_no_filer_work_ssn", "eitc_filer_no_work_ssn", "ca_filer_no_ssn_or_itin",
    "eitc_no_earned_income", "ca_no_earned_income", "ca_married_filing_separately",
    "ca_income_too_high", "ca_investment_income_over_limit", "ca_eitc_min_age", "eitc_income_too_high",
    "eitc_investment_income_over_limit", "eitc_mfs_no_child", "ctc_phased_out",
})
# Said once instead of a reason the page has no plain rule for (a code added to the engine later).
UNKNOWN_RULE = gettext_lazy("Ask the volunteer to explain the rule for this credit.")
# The reason the engine gives for a California amount figured with last year's numbers.
ESTIMATE_CODE = "ca_estimate_prior_year_figures"

@dataclass
class Person:
    """How the page names one person: as the subject of a sentence and inside one."""

    is_you: bool
    words: str  # "your spouse", "your 4-year-old child"


def _age_words(relationship: str, age: int) -> str:
    if age == 0:
        return pgettext("person on the summary", "your baby under 1 year old")
    templates = {
        "child": ngettext("your %(age)s-year-old child", "your %(age)s-year-old child", age),
        "stepchild": ngettext("your %(age)s-year-old stepchild", "your %(age)s-year-old stepchild", age),
        "foster_child": ngettext("your %(age)s-year-old foster child", "your %(age)s-year-old foster child", age),
        "sibling": ngettext("your %(age)s-year-old brother or sister", "your %(age)s-year-old brother or sister", age),
        "grandchild": ngettext("your %(age)s-year-old grandchild", "your %(age)s-year-old grandchild", age),
        "other_relative": ngettext("your %(age)s-year-old relative", "your %(age)s-year-old relative", age),
        "other": ngettext("the %(age)s-year-old who lives with you", "the %(age)s-year-old who lives with you", age),
    }
    return templates.get(relationship, templates["child"]) % {"age": age}


def people_words(facts) -> dict[str, Person]:
    """Return how the page names each subject code ("taxpayer", "spouse", "dependent 2").

    By age and relationship, as the client knows them; two people who would read alike (twins)
    get a number after their words.
    """
    people = {"taxpayer": Person(True, pgettext("person on the summary", "you"))}
    if facts.spouse is not None:
        people["spouse"] = Person(False, pgettext("person on the summary", "your spouse"))
    words = [_age_words(d.relationship, d.age) for d in facts.dependents]
    for index, text in enumerate(words):
        if words.count(text) > 1:
            text = _("%(person)s (number %(number)s)") % {"person": text, "number": words[: index + 1].count(text)}
        people[f"dependent {index + 1}"] = Person(False, text)
    return people


def _params(item) -> dict:
    """Return a reason's parameters as the page prints them (numbers as money)."""
    params = dict(getattr(getattr(item, "message", None), "params", None) or {})
    return {key: value for key, value in params.items() if key != "subject"}


def _rule(reason) -> str | None:
    """Return the plain rule behind one reason, or None for a reason the page leaves out."""
    if reason.code in DOES_NOT_APPLY or reason.code == ESTIMATE_CODE:
        return None
    template = RULES.get(reason.code)
    if template is None:
        return None
    try:
        return str(template) % _params(reason)
    except (KeyError, TypeError, ValueError):
        return None


def _unique(lines: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for line in lines:
        if line and line not in seen:
            seen.add(line)
            out.append(line)
    return out


@dataclass
class Line:
    label: str
    amount: Decimal
    estimate: bool = False

    @property
    def money(self) -> str:
        return figures.money(self.amount)


@dataclass
class Refusal:
    label: str
    undecided: bool
    rules: list[str] = field(default_factory=list)
    # A California "no" decided by an income limit is an estimate too while the limits are last
    # year's (facts §2.4, rule 3): the engine marks it.
    estimate: bool = False


def money_lines(screening) -> tuple[list[Line], list[Line]]:
    """Return the credits as money back (refundable) and tax lowered (the rest), in engine order."""
    back, lowered = [], []
    for key in CREDIT_KEYS:
        credit = screening.credits.get(key)
        if credit is None or credit.status is not Status.ELIGIBLE or not credit.amount:
            continue
        refundable = min(credit.refundable_amount or ZERO, credit.amount)
        label = str(credit.label)
        if refundable > 0:
            back.append(Line(label, refundable, credit.estimate))
        if credit.amount - refundable > 0:
            lowered.append(Line(label, credit.amount - refundable, credit.estimate))
    return back, lowered


def refusals(screening) -> list[Refusal]:
    """Return each credit the family cannot get (or cannot know yet), with its rules in plain words."""
    out = []
    for key in CREDIT_KEYS:
        credit = screening.credits.get(key)
        if credit is None or credit.status is Status.ELIGIBLE and credit.amount:
            continue
        codes = {reason.code for reason in credit.reasons}
        if codes and codes <= DOES_NOT_APPLY:
            continue
        # A rule about the people who file decides on its own; the rules about a child then add
        # nothing the family can act on, and the page has room for one side only.
        deciding = [reason for reason in credit.reasons if reason.code in FIRST_RULES]
        rules = _unique(_rule(reason) for reason in (deciding or credit.reasons))
        if not rules:
            rules = [str(UNKNOWN_RULE)]
        out.append(Refusal(str(credit.label), credit.status is Status.INDETERMINATE, rules, bool(credit.estimate)))
    return out


def estimate_note(screening) -> str:
    """Return the plain reason shown with estimated answers (the engine's own sentence), or ""."""
    for credit in screening.credits.values():
        if credit.estimate:
            for reason in credit.reasons:
                if reason.code == ESTIMATE_CODE:
                    return str(reason.message)
            return _("Estimate: this amount uses figures that are not yet published for this year.")
    return ""


# --- next steps ------------------------------------------------------------------------------------

# Flag code → (sentence when it is about the client, sentence about someone else). ``%(person)s``
# is the person's words. Flags left out are checks for the volunteer, not steps for the client.
FLAG_STEPS = {
    "itin_expired_renew": (
        pgettext_lazy("next step", "Renew your tax number from the IRS with Form W-7 before you file, or send the form with your return."),
        pgettext_lazy("next step", "Renew the tax number from the IRS of %(person)s with Form W-7 before you file, or send the form with your return."),
    ),
    "itin_renewal_unused_three_years": (
        pgettext_lazy("next step", "Your tax number from the IRS was not used on a return for 3 years: renew it with Form W-7 sent with this return."),
        pgettext_lazy("next step", "The tax number from the IRS of %(person)s was not used on a return for 3 years: renew it with Form W-7 sent with this return."),
    ),
    "itin_apply_w7": (
        pgettext_lazy("next step", "Send Form W-7 with your return to get your tax number from the IRS."),
        pgettext_lazy("next step", "Send Form W-7 for %(person)s with your return."),
    ),
    "filer_needs_tin": (
        pgettext_lazy("next step", "You need a tax number from the IRS to file: send Form W-7 with your return."),
        pgettext_lazy("next step", "%(person)s needs a tax number from the IRS: send Form W-7 for them with your return."),
    ),
    "dependent_w7_with_return": (None, pgettext_lazy("next step", "Send Form W-7 for %(person)s with your return.")),
    "dependent_itin_renew": (
        None, pgettext_lazy("next step", "Renew the tax number from the IRS of %(person)s: send Form W-7 with your return or before it."),
    ),
    "dependent_needs_w7": (None, pgettext_lazy("next step", "Ask the volunteer about Form W-7 for %(person)s.")),
    "id_declined": (
        pgettext_lazy("next step", "Some answers were not given, so some credits are not known yet. You can give them to the volunteer and ask for a new summary."),
        pgettext_lazy("next step", "Some answers were not given, so some credits are not known yet. You can give them to the volunteer and ask for a new summary."),
    ),
    "trump_account_pilot": (
        None, pgettext_lazy("next step", "Ask the volunteer about the one-time $1,000 federal deposit to a Trump account for %(person)s (for U.S. citizen children born 2025 to 2028)."),
    ),
    "education_credits_itin_last_year": (
        pgettext_lazy("next step", "If you paid for college, claim the education credits on this return: the rules change from 2026."),
        pgettext_lazy("next step", "If you paid for college for %(person)s, claim the education credits on this return: the rules change from 2026."),
    ),
}
# A flag that is a rule the family should know, shown with the "no"s (general, about nobody).
FLAG_RULES = {
    "education_credits_need_ssn": (
        gettext_lazy("College tuition credits"),
        gettext_lazy("From 2026 these credits need a Social Security number that allows work for the person who claims them and for the student."),
    ),
}
# Flags about someone with no number, whose W-7 step carries what the engine computed it would bring.
W7_FLAGS = frozenset({"dependent_needs_w7", "filer_needs_tin"})
# The changes the engine computes, by kind of edit (its ``Edit.value``).
SSN_EDIT, W7_EDIT = "ssn", "applying"


def _subject_of(path: str) -> str:
    parts = path.split(".")
    return f"dependent {int(parts[1]) + 1}" if parts[0] == "dependents" else parts[0]


def _person(people: dict[str, Person], subject: str) -> Person | None:
    return people.get(subject)


def _join(items: list[str], template: str | None = None) -> str:
    if len(items) <= 1:
        return "".join(items)
    return (template or _("%(first)s and %(last)s")) % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _raises(credits: list[tuple[str, Decimal, Decimal]]) -> str:
    parts = [
        _("the %(credit)s could be %(after)s instead of %(now)s")
        % {"credit": label, "after": figures.money(after), "now": figures.money(now)}
        for label, after, now in credits
    ]
    return _join(parts)


def computed_changes(screening) -> dict[tuple[tuple[str, str], ...], list[tuple[str, Decimal, Decimal]]]:
    """Return each scenario the engine computed (its edits) with the credits it raises and by how much."""
    found: dict[tuple[tuple[str, str], ...], list[tuple[str, Decimal, Decimal]]] = {}
    for key in CREDIT_KEYS:
        credit = screening.credits.get(key)
        if credit is None:
            continue
        for change in credit.changes or ():
            if change.amount_after is None or change.amount_after <= credit.amount or not change.scenario:
                continue
            edits = tuple(sorted((edit.path, str(edit.value)) for edit in change.scenario))
            found.setdefault(edits, []).append((str(credit.label), change.amount_after, credit.amount))
    return found


def next_steps(screening, facts) -> list[str]:
    """Return the client's next steps: the engine's flags and computed changes, only those that apply."""
    people = people_words(facts)
    changes = computed_changes(screening)
    # A W-7 that the engine shows would raise a credit is said with the person's W-7 step.
    w7_gain = {
        edits[0][0]: credits for edits, credits in changes.items() if len(edits) == 1 and edits[0][1] == W7_EDIT
    }
    steps = []
    used_w7 = set()
    ssn_groups: dict[tuple, list[str]] = {}
    for flag in getattr(screening, "flags", ()) or ():
        pair = FLAG_STEPS.get(flag.code)
        if pair is None:
            continue
        person = _person(people, flag.subject)
        if person is None and flag.subject != "household":
            continue
        own, other = pair
        template = own if person is not None and person.is_you else other
        if template is None:
            continue
        text = str(template) % {"person": person.words if person else ""}
        path = _path_of(flag.subject)
        gain = w7_gain.get(path)
        if gain and person is not None and flag.code in W7_FLAGS:
            used_w7.add(path)
            if person.is_you:
                text = _("Send Form W-7 with your return to get your tax number from the IRS: then %(raises)s.") % {
                    "raises": _raises(gain)
                }
            else:
                text = _("Send Form W-7 for %(person)s with your return: then %(raises)s.") % {
                    "person": person.words, "raises": _raises(gain)
                }
        steps.append(text[:1].upper() + text[1:])
    for edits, credits in changes.items():
        kinds = {value for _path, value in edits}
        subjects = [_subject_of(path) for path, _value in edits]
        if any(_person(people, s) is None for s in subjects):
            continue
        if kinds == {W7_EDIT}:
            if len(edits) == 1 and edits[0][0] in used_w7:
                continue
            who = [people[s].words for s in subjects]
            steps.append(_("If Form W-7 is sent with your return for %(people)s, %(raises)s.") % {
                "people": _join(who), "raises": _raises(credits)
            })
        elif kinds == {SSN_EDIT} and all(s.startswith("dependent ") for s in subjects):
            # Only a child's own number (a child entitled to one, e.g. born in the U.S., whose card
            # has not come yet). A filer's SSN is left to the volunteer: on paper it reads as advice
            # to find a number. Children who each alone bring the same change are said together.
            who = [people[s].words for s in subjects]
            group = ssn_groups.setdefault((len(who) > 1, tuple(credits)), [])
            group.append(_join(who))
    for (together, credits), groups in ssn_groups.items():
        if together or len(groups) == 1:
            for who in groups:
                sentence = ngettext(
                    "If %(people)s gets their own Social Security number that allows work before the return is due, %(raises)s.",
                    "If %(people)s each get their own Social Security number that allows work before the return is due, %(raises)s.",
                    2 if together else 1,
                )
                steps.append(_capital(sentence % {"people": who, "raises": _raises(list(credits))}))
        else:
            steps.append(_capital(_(
                "If one of these children gets their own Social Security number that allows work before the return is due (%(people)s), %(raises)s."
            ) % {"people": _join(groups, _("%(first)s or %(last)s")), "raises": _raises(list(credits))}))
    return _unique(steps)


def _path_of(subject: str) -> str:
    kind, _sep, number = subject.partition(" ")
    if kind == "dependent" and number.isdigit():
        return f"dependents.{int(number) - 1}.id_type"
    return f"{subject}.id_type"


def flag_rules(screening) -> list[Refusal]:
    """Return the rules from flags that the family should know (e.g. college credits from 2026)."""
    out = []
    for flag in getattr(screening, "flags", ()) or ():
        pair = FLAG_RULES.get(flag.code)
        if pair is not None:
            label, rule = str(pair[0]), str(pair[1])
            if not any(r.label == label for r in out):
                out.append(Refusal(label, False, [rule]))
    return out


def documents_to_bring(facts) -> list[str]:
    """Return the documents to bring. The same list whatever anyone's ID, so it says nothing about it."""
    items = [
        _("A photo ID for each person who files."),
        _("The card or IRS letter with the tax number of every person on the return."),
        _("Every W-2 and 1099 form for the year, and last year's return if you have it."),
        _("Any letter from the IRS or the Franchise Tax Board (FTB)."),
    ]
    if facts.self_employment_income:
        items.append(_("Records of what you earned and spent working for yourself."))
    return items


def summary_context(*, screening, facts, site, language: str, today: dt.date, nickname: str = "") -> dict:
    """Return what the summary template prints (call inside ``translation.override(language)``)."""
    back, lowered = money_lines(screening)
    refund_total = sum((line.amount for line in back), ZERO)
    steps = next_steps(screening, facts)
    shown_refusals = refusals(screening)
    if refund_total > 0:
        # Facts §4A.1 [V]: the IRS generally stopped paper refund checks for individuals after 2025-09-30.
        steps.append(_("The IRS no longer mails most refunds as paper checks: bring your bank account details or a prepaid card so your refund can be paid."))
    return {
        **document_context(language),
        "nickname": nickname,
        "tax_year": screening.tax_year,
        "today_words": date_words(today),
        "money_back": back,
        "tax_lowered": lowered,
        "money_back_total": figures.money(refund_total),
        "tax_lowered_total": figures.money(sum((line.amount for line in lowered), ZERO)),
        "any_estimate": any(item.estimate for item in [*back, *lowered, *shown_refusals]),
        "estimate_note": estimate_note(screening),
        "refusals": shown_refusals + flag_rules(screening),
        "steps": steps,
        "documents": documents_to_bring(facts),
        "site": site_footer(site),
        "referrals": summary_referrals(site, language),
    }


# The site's list is the same for every family, but the summary still prints no ID word: the
# W-7 line is named by the form alone.
W7_KIND_LABEL = gettext_lazy("Help with Form W-7, e.g. a Certifying Acceptance Agent")


def summary_referrals(site, language: str) -> list[dict[str, str]]:
    """Return the site's referral list as the summary prints it (call inside the override)."""
    rows = site_referrals(site, language)
    for row in rows:
        if row.get("kind") == "w7":
            row["kind_label"] = str(W7_KIND_LABEL)
    return rows


def summary_document(*, screening, facts, site, language: str, today: dt.date, nickname: str = "", font_config=None):
    """Return the laid-out summary: the first layout that fits one page (the tightest otherwise)."""
    with translation.override(language):
        context = summary_context(
            screening=screening, facts=facts, site=site, language=language, today=today, nickname=nickname
        )
        document = None
        for layout in LAYOUTS:
            html = render_to_string("counseling/summary_pdf.html", {**context, "layout": layout})
            document = html_to_document(html, font_config=font_config)
            if len(document.pages) <= SUMMARY_PAGES:
                break
    return document


def render_client_summary(
    *, screening, facts, site, language: str, today: dt.date, nickname: str = ""
) -> Rendered:
    """Render the one-page summary of ``screening`` for the household ``facts`` describe."""
    document = summary_document(
        screening=screening, facts=facts, site=site, language=language, today=today, nickname=nickname
    )
    return Rendered(filename=f"credit-summary-{language}.pdf", content_type=PDF, content=document.write_pdf())
