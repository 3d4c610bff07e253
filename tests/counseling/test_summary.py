"""The one-page client summary, read back from the PDF: its figures are the engine's, it fits one
page for a large family, and it names no ID type, in English and Spanish."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from counseling import summary
from counseling.readability import TARGETS, readability
from counseling.summary import render_client_summary
from intake.eligibility import assess
from intake.eligibility.facts import Dependent, Filer, FilingStatus, Household, IdType
from intake.eligibility.result import CREDIT_KEYS, Status
from intake.models import ID_TYPE_CHOICES
from tests.counseling.conftest import pdf_text

TODAY = dt.date(2026, 12, 2)
HOH, MFJ, SINGLE = FilingStatus.HEAD_OF_HOUSEHOLD, FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.SINGLE

HOUSEHOLDS = {
    # The review's persona: an ITIN mother, two U.S.-citizen children.
    "itin-mother": dict(filing_status=HOH, taxpayer=Filer(IdType.ITIN, 34),
                        dependents=(Dependent(IdType.SSN, 4), Dependent(IdType.SSN, 9)), wages=24000),
    # Mixed-status couple: CTC for one child, ODC for the other.
    "mixed-couple": dict(filing_status=MFJ, taxpayer=Filer(IdType.ITIN, 34), spouse=Filer(IdType.SSN, 33),
                         dependents=(Dependent(IdType.SSN, 4), Dependent(IdType.ITIN, 9)), wages=24000),
    # Income high enough that part of the Child Tax Credit only lowers tax.
    "two-earners": dict(filing_status=MFJ, taxpayer=Filer(IdType.SSN, 40), spouse=Filer(IdType.SSN, 39),
                        dependents=(Dependent(IdType.SSN, 7), Dependent(IdType.SSN, 12)), wages=68000),
    # A single worker without children: a small EITC.
    "single-worker": dict(filing_status=SINGLE, taxpayer=Filer(IdType.SSN, 30), wages=11000),
}
# A large family: spouse, five dependents, an expired ITIN, a child with no number, a W-7, a
# student, a baby, several "no"s and flags.
LARGE = dict(
    filing_status=MFJ, taxpayer=Filer(IdType.ITIN_EXPIRED, 41), spouse=Filer(IdType.SSN, 38),
    dependents=(
        Dependent(IdType.SSN, 0), Dependent(IdType.NONE, 17), Dependent(IdType.ITIN, 9),
        Dependent(IdType.APPLYING, 2, relationship="grandchild"), Dependent(IdType.SSN, 20, full_time_student=True),
    ),
    wages=31000, self_employment_income=4000, investment_income=300,
)


def facts(year: int, values: dict) -> Household:
    return Household(id="test", tax_year=year, **values)


def render(household: Household, language: str, site=None):
    with translation.override(language):
        screening = assess(household)
    rendered = render_client_summary(screening=screening, facts=household, site=site, language=language, today=TODAY)
    return screening, rendered


def flat(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(pages))


def money(amount) -> str:
    return f"${int(amount):,}"


def expected_columns(screening):
    """Money back and tax lowered per credit, read straight from the engine's assessments."""
    back, lowered = {}, {}
    for key in CREDIT_KEYS:
        credit = screening.credits[key]
        if credit.status is not Status.ELIGIBLE or not credit.amount:
            continue
        refundable = credit.refundable_amount or Decimal(0)
        if refundable:
            back[key] = refundable
        if credit.amount - refundable:
            lowered[key] = credit.amount - refundable
    return back, lowered


def column(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("name", sorted(HOUSEHOLDS))
def test_the_printed_figures_are_the_engines(name, year, language):
    household = facts(year, HOUSEHOLDS[name])
    screening, rendered = render(household, language)
    pages = pdf_text(rendered.content)
    assert len(pages) == 1
    text = flat(pages)
    back, lowered = expected_columns(screening)
    with translation.override(language):
        headings = [gettext(x) for x in ("Money back", "Tax lowered", "Total money back", "Total tax lowered")]
        labels = {key: str(screening.credits[key].label) for key in CREDIT_KEYS}
        estimate_word = gettext("estimate")
    money_back, tax_lowered, total_back, total_lowered = headings
    back_text = column(text, money_back, total_back)
    lowered_text = column(text, tax_lowered, total_lowered)
    for key, amount in back.items():
        line = re.escape(labels[key]) + rf"(?: \({re.escape(estimate_word)}\))? {re.escape(money(amount))}"
        assert re.search(line, back_text), (key, money(amount), back_text)
    for key, amount in lowered.items():
        line = re.escape(labels[key]) + rf"(?: \({re.escape(estimate_word)}\))? {re.escape(money(amount))}"
        assert re.search(line, lowered_text), (key, money(amount), lowered_text)
    # Nothing else in either column carries money.
    assert len(re.findall(r"\$[\d,]+", back_text)) == len(back)
    assert len(re.findall(r"\$[\d,]+", lowered_text)) == len(lowered)
    assert re.search(rf"{re.escape(total_back)} {re.escape(money(sum(back.values(), Decimal(0))))}", text)
    assert re.search(rf"{re.escape(total_lowered)} {re.escape(money(sum(lowered.values(), Decimal(0))))}", text)
    # California TY2026 is an estimate on paper, with the engine's plain reason; TY2025 is not.
    ca_shown = any(key.startswith("ca_") for key in back)
    assert (f"({estimate_word})" in back_text) is (ca_shown and year == 2026)


def test_the_two_columns_split_a_partly_refundable_credit():
    screening, rendered = render(facts(2025, HOUSEHOLDS["two-earners"]), "en")
    ctc = screening.credits["federal_ctc"]
    assert ctc.status is Status.ELIGIBLE and 0 < (ctc.refundable_amount or 0) < ctc.amount  # the case exercised
    text = flat(pdf_text(rendered.content))
    assert f"Child Tax Credit {money(ctc.refundable_amount)}" in column(text, "Money back", "Total money back")
    assert f"Child Tax Credit {money(ctc.amount - ctc.refundable_amount)}" in column(text, "Tax lowered", "Total tax lowered")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("year", [2025, 2026])
def test_a_large_family_fits_one_page(year, language):
    from clinic.demo import demo_site

    household = facts(year, LARGE)
    site = demo_site()  # its referral list (four lines) and hours print too
    screening, rendered = render(household, language, site=site)
    # The case is the hard one: several "no"s and several steps.
    assert sum(1 for a in screening.credits.values() if a.status is not Status.ELIGIBLE) >= 2
    assert len(screening.flags) >= 3
    pages = pdf_text(rendered.content)
    assert len(pages) == 1
    text = flat(pages)
    with translation.override(language):
        assert gettext("Next steps") in text
        assert str(summary.people_words(household)["dependent 2"].words) in text  # "your 17-year-old child"
        assert site.hours_in(language) in text
        assert all(referral.text_in(language)["name"] in text for referral in site.referrals.all())
    for word in _id_type_words(language):  # the site's list (with its W-7 line) names no ID type either
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), word


def _id_type_words(language: str) -> set[str]:
    with translation.override(language):
        labels = {str(label) for _code, label in ID_TYPE_CHOICES}
    return labels | {"ITIN", "ATIN", "SSN", "ID type", "tipo de identificación", "Dependent 1", "Dependiente 1"}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", [*sorted(HOUSEHOLDS), "large"])
def test_no_id_type_is_printed(name, language):
    values = LARGE if name == "large" else HOUSEHOLDS[name]
    _screening, rendered = render(facts(2026, values), language)
    text = flat(pdf_text(rendered.content))
    for word in _id_type_words(language):
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (word, text)


def test_people_are_named_by_age_and_relationship():
    household = facts(2026, LARGE)
    with translation.override("en"):
        names = {subject: person.words for subject, person in summary.people_words(household).items()}
    assert names == {
        "taxpayer": "you", "spouse": "your spouse", "dependent 1": "your baby under 1 year old",
        "dependent 2": "your 17-year-old child", "dependent 3": "your 9-year-old child",
        "dependent 4": "your 2-year-old grandchild", "dependent 5": "your 20-year-old child",
    }
    with translation.override("es"):
        assert summary.people_words(household)["dependent 2"].words == "su hijo o hija de 17 años"
    twins = facts(2026, dict(LARGE, dependents=(Dependent(IdType.SSN, 4), Dependent(IdType.SSN, 4))))
    with translation.override("en"):
        words = [p.words for s, p in summary.people_words(twins).items() if s.startswith("dependent")]
    assert words == ["your 4-year-old child (number 1)", "your 4-year-old child (number 2)"]


def test_each_no_is_explained_by_its_rule_not_you_do_not_qualify():
    _screening, rendered = render(facts(2026, HOUSEHOLDS["itin-mother"]), "en")
    text = flat(pdf_text(rendered.content))
    assert "You do not qualify" not in text
    block = column(text, "What you cannot get now, and why", "Next steps")
    assert "Child Tax Credit: From 2026 this credit needs a Social Security number that allows work" in block
    assert "Earned Income Tax Credit: This credit needs a Social Security number that allows work" in block
    # Credits that cannot apply to this family are left out: nobody was in foster care.
    assert "Foster Youth" not in text


def test_next_steps_come_from_the_flags_and_the_computed_changes():
    household = facts(2026, LARGE)
    with translation.override("en"):
        screening = assess(household)
        steps = summary.next_steps(screening, household)
    # Flags: the expired ITIN (the client), the grandchild's W-7.
    assert "Renew your tax number from the IRS with Form W-7 before you file, or send the form with your return." in steps
    assert "Send Form W-7 for your 2-year-old grandchild with your return." in steps
    # Computed changes: the 9-year-old's or the grandchild's own SSN each raise the CTC to the
    # engine's amount_after (the same for both, so said once).
    ctc = screening.credits["federal_ctc"]
    after = {tuple(e.path for e in c.scenario): c.amount_after for c in ctc.changes}
    assert after[("dependents.2.id_type",)] == after[("dependents.3.id_type",)]
    assert (
        "If one of these children gets their own Social Security number that allows work before the return is due "
        "(your 9-year-old child or your 2-year-old grandchild), "
        f"the Child Tax Credit could be {money(after[('dependents.2.id_type',)])} instead of {money(ctc.amount)}." in steps
    )
    # One child alone: the singular sentence.
    one = facts(2026, dict(HOUSEHOLDS["mixed-couple"]))
    with translation.override("en"):
        one_screening = assess(one)
        one_steps = summary.next_steps(one_screening, one)
    one_ctc = one_screening.credits["federal_ctc"]
    one_after = next(c.amount_after for c in one_ctc.changes if [e.path for e in c.scenario] == ["dependents.1.id_type"])
    assert (
        "If your 9-year-old child gets their own Social Security number that allows work before the return is due, "
        f"the Child Tax Credit could be {money(one_after)} instead of {money(one_ctc.amount)}." in one_steps
    )
    # Never advice about a filer's own SSN (it reads as advice to find one).
    assert not any(step.startswith("If you ") for step in steps)
    # A household with nothing to act on gets none of these.
    with translation.override("en"):
        plain = facts(2026, HOUSEHOLDS["two-earners"])
        assert summary.next_steps(assess(plain), plain) == []


@pytest.mark.django_db
def test_the_site_footer_and_referrals_print_in_the_clients_language():
    from clinic.models import Referral, Site

    site = Site.objects.create(slug="sum-site", name="Summary Test Clinic", phone="(555) 010-0300",
                               hours="Tuesdays 5–8 pm", hours_translations={"es": "martes de 5 a 8 pm"})
    Referral.objects.create(site=site, kind="legal", name="Example Legal Aid", phone="(555) 010-0301",
                            translations={"es": {"name": "Ayuda Legal de Ejemplo"}})
    _screening, rendered = render(facts(2026, HOUSEHOLDS["itin-mother"]), "es", site=site)
    text = flat(pdf_text(rendered.content))
    assert "martes de 5 a 8 pm" in text and "Tuesdays" not in text
    assert "Ayuda legal de inmigración gratis: Ayuda Legal de Ejemplo" in text and "(555) 010-0301" in text
    assert "No es asesoría legal." in text and "2 de diciembre de 2026" in text
    assert "Sus créditos tributarios de 2026" in text and "Dinero que le devuelven" in text


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_california_no_decided_by_last_years_limit_is_marked_an_estimate(year):
    household = facts(year, LARGE)  # earned income above the TY2025 CalEITC limit
    screening, rendered = render(household, "en")
    assert screening.credits["ca_eitc"].status is Status.NOT_ELIGIBLE
    text = flat(pdf_text(rendered.content))
    block = column(text, "What you cannot get now, and why", "Next steps")
    marked = "California Earned Income Tax Credit (estimate):" in block
    note = "California has not yet published its 2026 amounts" in text
    assert marked is (year == 2026) and note is (year == 2026)


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("name", [*HOUSEHOLDS, "large"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_summary_reads_at_a_sixth_grade_level(language, name, year):
    """The handouts' targets (English Flesch–Kincaid ≤ 6, Spanish Fernández-Huerta ≥ 80), measured the
    same way (one sentence per block) on the text the family reads: every line of the page."""
    household = facts(year, LARGE if name == "large" else HOUSEHOLDS[name])
    with translation.override(language):
        screening = assess(household)
        context = summary.summary_context(screening=screening, facts=household, site=None, language=language,
                                          today=TODAY)
        html = render_to_string("counseling/summary_pdf.html", {**context, "layout": summary.LAYOUTS[0]})
    score, _formula = readability(html, language, html=True)
    kind, target = TARGETS[language]
    assert (score <= target) if kind == "max" else (score >= target), (language, name, year, score)
