"""Every reason, change and flag the engine can give: stable code, message template, citation.

Whole sentences with named placeholders, so translators can reorder them; nothing is concatenated.
The message catalogue lives under ``clinic/locale/``; a test checks every code here is produced by
some household in the test suite.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from intake.eligibility.params import y2025 as _p
from intake.eligibility.result import Change, Flag, Message, Reason


class Spec:
    """One message in the catalogue; call ``reason()``, ``change()`` or ``flag()`` to use it."""

    __slots__ = ("code", "template", "citation")

    def __init__(self, code: str, template: Any, citation: str):
        self.code = code
        self.template = template
        self.citation = citation

    def _message(self, params: dict[str, Any]) -> Message:
        return Message(self.template, params)

    def reason(self, citation: str | None = None, **params: Any) -> Reason:
        """Return the reason; ``citation`` replaces the default one (e.g. the year's Rev. Proc.)."""
        return Reason(self.code, self._message(params), citation or self.citation)

    def change(
        self, scenario: tuple = (), amount_after: Any = None, citation: str | None = None, **params: Any
    ) -> Change:
        """Return the change; ``citation`` replaces the default one (e.g. the deduction's section)."""
        return Change(self.code, self._message(params), citation or self.citation, scenario, amount_after)

    def flag(self, subject: str, **params: Any) -> Flag:
        params.setdefault("subject", subject)
        return Flag(self.code, self._message(params), self.citation, subject)


REASONS: dict[str, Spec] = {}
CHANGES: dict[str, Spec] = {}
FLAGS: dict[str, Spec] = {}


def _reg(registry: dict[str, Spec], code: str, template: Any, citation: str) -> Spec:
    assert code not in registry, code
    registry[code] = spec = Spec(code, template, citation)
    return spec


def _r(code, template, citation):
    return _reg(REASONS, code, template, citation)


def _c(code, template, citation):
    return _reg(CHANGES, code, template, citation)


def _f(code, template, citation):
    return _reg(FLAGS, code, template, citation)


# --- Shared -----------------------------------------------------------------------------------
ID_DECLINED = _r(
    "id_declined",
    _("The ID type of %(subject)s was not given, and the answer depends on it, so this credit cannot be screened yet."),
    "IRC §24(h)(7), §32(m); R&TC §17052",
)
DECLINED_NO_EFFECT = _r(
    "declined_no_effect",
    _("Some ID types were not given, but this answer is the same whatever they are."),
    "IRC §24(h)(7), §32(m); R&TC §17052",
)
FILER_NO_TIN = _r(
    "filer_no_tin",
    _("%(subject_cap)s has no SSN or ITIN. Every person filing the return needs one to claim this credit."),
    "IRC §24(e)(2); R&TC §17052",
)
FILER_TIN_PENDING = _r(
    "filer_tin_pending",
    _("This amount assumes %(subject)s gets an ITIN (new or renewed) from a Form W-7 sent with the return or before it."),
    "IRC §6109(i); IRC §24(e)(2)",
)
DEPENDENT_TIN_PENDING = _r(
    "dependent_tin_pending",
    _("This amount counts %(subject)s, assuming their ITIN (new or renewed) comes from a Form W-7 sent with the return."),
    "IRC §6109(i); IRC §24(e)(1)",
)

# --- Federal income tax (used by the CTC/ODC limit) ---------------------------------------------
# --- Child Tax Credit ---------------------------------------------------------------------------
CTC_ELIGIBLE = _r(
    "ctc_children_counted",
    ngettext_lazy(
        "%(count)s qualifying child under 17 with an SSN valid for work counts for the Child Tax Credit.",
        "%(count)s qualifying children under 17 with an SSN valid for work count for the Child Tax Credit.",
        "count",
    ),
    "IRC §24(a), §24(c), §24(h)(2)",
)
CTC_NO_CHILD_UNDER_17 = _r(
    "ctc_no_child_under_17",
    _("No dependent is a qualifying child under 17 at the end of the year who lived with you more than half the year."),
    "IRC §24(c)(1); IRC §152(c)",
)
CTC_CHILD_AGE = _r(
    "ctc_child_17_or_older",
    _("%(subject_cap)s is %(age)s at the end of the year; the Child Tax Credit is for children under 17. They may count for the Credit for Other Dependents."),
    "IRC §24(c)(1), §24(h)(4)",
)
CTC_NO_FILER_SSN = _r(
    "ctc_no_filer_work_ssn",
    _("For %(year)s the Child Tax Credit needs an SSN valid for work for the taxpayer or, on a joint return, for at least one spouse. No one filing this return has one. The children can count for the Credit for Other Dependents instead."),
    _p.CTC_SSN_CITATION,
)
CTC_MIXED_STATUS_OK = _r(
    "ctc_joint_one_ssn_enough",
    _("On a joint return one spouse with an SSN valid for work is enough for the Child Tax Credit; the other spouse may use an ITIN."),
    _p.CTC_SSN_CITATION + "; 2025 Instructions for Schedule 8812",
)
CTC_CHILD_NO_SSN = _r(
    "ctc_child_no_work_ssn",
    _("%(subject_cap)s does not have an SSN valid for work, which the Child Tax Credit requires for each child. They can count for the Credit for Other Dependents if they have an SSN, ITIN or ATIN."),
    _p.CTC_SSN_CITATION,
)
CTC_PHASED_OUT = _r(
    "ctc_phased_out",
    _("Income above %(threshold)s reduces the Child Tax Credit and the Credit for Other Dependents by $50 for each $1,000 or part of $1,000; at this income the credit is fully phased out."),
    "IRC §24(b); IRC §24(h)(3)",
)
CTC_PARTLY_PHASED_OUT = _r(
    "ctc_partly_phased_out",
    _("Income above %(threshold)s reduces the Child Tax Credit and the Credit for Other Dependents by $50 for each $1,000 or part of $1,000 (a reduction of %(reduction)s here)."),
    "IRC §24(b); IRC §24(h)(3)",
)
CTC_NO_TAX_NO_EARNINGS = _r(
    "ctc_no_tax_no_earnings",
    _("There is no federal income tax for the credit to reduce, and the refundable part needs earned income above %(threshold)s, so the credit is $0 this year."),
    "IRC §24(b)(3), §24(d)(1), §24(h)(6)",
)
CTC_REFUNDABLE_LIMITED = _r(
    "ctc_refundable_part",
    _("Part of the credit beyond the income tax owed is refundable: up to %(cap)s per child, and 15%% of earned income above %(threshold)s."),
    "IRC §24(d)(1), §24(h)(5), §24(h)(6)",
)
CTC_THREE_CHILD_ALTERNATIVE = _r(
    "ctc_three_child_alternative",
    _("With three or more qualifying children the refundable part uses the larger of 15%% of earned income above %(threshold)s or the Social Security and Medicare taxes paid minus the EITC."),
    "IRC §24(d)(1)(B)(ii)",
)
CTC_DEPENDS_ON_EITC = _r(
    "ctc_depends_on_eitc",
    _("The refundable part of this credit depends on the EITC, which cannot be screened yet."),
    "IRC §24(d)(1)(B)(ii)",
)

# --- Credit for Other Dependents -------------------------------------------------------------------
ODC_ELIGIBLE = _r(
    "odc_dependents_counted",
    ngettext_lazy(
        "%(count)s dependent counts for the Credit for Other Dependents (%(each)s each, not refundable).",
        "%(count)s dependents count for the Credit for Other Dependents (%(each)s each, not refundable).",
        "count",
    ),
    "IRC §24(h)(4)",
)
ODC_CHILD_FROM_CTC = _r(
    "odc_includes_children_without_ctc",
    _("Children who miss the Child Tax Credit only because of the SSN rules count for the Credit for Other Dependents."),
    "IRC §24(h)(4)(C), §24(h)(7); Schedule 8812 line 6",
)
ODC_NO_DEPENDENTS = _r(
    "odc_no_dependents",
    _("No dependent counts for the Credit for Other Dependents."),
    "IRC §24(h)(4)",
)
ODC_DEPENDENT_NO_TIN = _r(
    "odc_dependent_no_tin",
    _("%(subject_cap)s has no SSN, ITIN or ATIN, so they do not count for the Credit for Other Dependents."),
    "IRC §24(e)(1); 2025 Instructions for Schedule 8812",
)
ODC_NO_TAX = _r(
    "odc_no_income_tax",
    _("The Credit for Other Dependents only reduces federal income tax, and this return has %(tax)s of income tax left for it to reduce."),
    "IRC §24(b)(3), §24(h)(4)",
)
ODC_LIMITED_BY_TAX = _r(
    "odc_limited_by_tax",
    _("The Credit for Other Dependents is not refundable: it is limited to the federal income tax it can reduce."),
    "IRC §24(b)(3), §24(h)(4)",
)

# --- EITC -----------------------------------------------------------------------------------------
EITC_ELIGIBLE = _r(
    "eitc_children_counted",
    ngettext_lazy(
        "The EITC is figured with %(count)s qualifying child who has an SSN valid for work.",
        "The EITC is figured with %(count)s qualifying children who have an SSN valid for work.",
        "count",
    ),
    "IRC §32(b), §32(c)(3), §32(m)",
)
EITC_CHILDLESS = _r(
    "eitc_no_qualifying_child",
    _("The EITC is figured for a filer without a qualifying child."),
    "IRC §32(b), §32(c)(1)(A)(ii)",
)
EITC_FILER_NO_SSN = _r(
    "eitc_filer_no_work_ssn",
    _("%(subject_cap)s does not have an SSN valid for work. The EITC requires one for the taxpayer and, on a joint return, for the spouse as well; an ITIN never qualifies."),
    "IRC §32(c)(1)(E), §32(m)",
)
EITC_CHILD_NO_SSN = _r(
    "eitc_child_no_work_ssn",
    _("%(subject_cap)s does not have an SSN valid for work, so they do not count as a qualifying child for the EITC. A filer with an SSN may still get the EITC for workers without a qualifying child."),
    "IRC §32(c)(3)(D), §32(m)",
)
EITC_NOT_QUALIFYING_CHILD = _r(
    "eitc_dependent_not_qualifying_child",
    _("%(subject_cap)s is not a qualifying child for the EITC: a child must be under 19 at the end of the year (under 24 if a full-time student, any age if permanently disabled) and live with you more than half the year."),
    "IRC §32(c)(3); IRC §152(c)",
)
EITC_CHILDLESS_AGE = _r(
    "eitc_childless_age",
    _("Without a qualifying child, the taxpayer (or, on a joint return, either spouse) must be 25 to 64 at the end of the year."),
    "IRC §32(c)(1)(A)(ii)(II)",
)
EITC_INVESTMENT_INCOME = _r(
    "eitc_investment_income_over_limit",
    _("Investment income of %(amount)s is above the EITC limit of %(limit)s."),
    "IRC §32(i)",
)
EITC_NO_EARNED_INCOME = _r(
    "eitc_no_earned_income",
    _("The EITC needs earned income (wages or self-employment earnings), and this household has none."),
    "IRC §32(a), §32(c)(2)",
)
EITC_INCOME_TOO_HIGH = _r(
    "eitc_income_too_high",
    _("At this income the EITC is fully phased out (it ends at %(end)s for this family size and filing status)."),
    "IRC §32(a)(2), §32(b)",
)
EITC_MFS_NO_CHILD = _r(
    "eitc_mfs_no_child",
    _("A married person filing separately can get the EITC only with a qualifying child and after living apart from the spouse; without a qualifying child it is not available."),
    "IRC §32(d)",
)
EITC_MFS_SEPARATION = _r(
    "eitc_mfs_separation_question",
    _("Married filing separately: the EITC is allowed only if you lived apart from your spouse for the last 6 months of the year or have a written separation agreement or decree. Ask this before counting the credit; if yes, it would be about %(amount)s."),
    "IRC §32(d)(2)(B)",
)

# --- California ---------------------------------------------------------------------------------
CA_NOT_RESIDENT = _r(
    "ca_not_resident",
    _("California's credits are for people who lived in California more than half the year; this household's state is %(state)s."),
    "R&TC §17052",
)
CA_MFS = _r(
    "ca_married_filing_separately",
    _("California's earned income credits cannot be claimed on a married/RDP filing separately return."),
    "FTB CalEITC eligibility; R&TC §17052",
)
CA_FILER_NO_ID = _r(
    "ca_filer_no_ssn_or_itin",
    _("%(subject_cap)s has no SSN or ITIN. California needs one (any SSN or an ITIN) for the taxpayer and the spouse."),
    _p.CA_ID_CITATION,
)
CA_MIN_AGE = _r(
    "ca_eitc_min_age",
    _("The taxpayer (or the spouse) must be at least 18 at the end of the year."),
    "R&TC §17052(c)(2)",
)
CA_INVESTMENT_INCOME = _r(
    "ca_investment_income_over_limit",
    _("Investment income of %(amount)s is above California's limit of %(limit)s."),
    "R&TC §17052; FTB 3514",
)
CA_NO_EARNED_INCOME = _r(
    "ca_no_earned_income",
    _("The California EITC needs earned income, and this household has none."),
    "R&TC §17052",
)
CA_INCOME_TOO_HIGH = _r(
    "ca_income_too_high",
    _("Earned income and federal AGI must both be below %(limit)s for California's earned income credits."),
    "R&TC §17052; FTB 3514",
)
CA_CHILD_NO_ID = _r(
    "ca_child_no_ssn_or_itin",
    _("%(subject_cap)s has no SSN or ITIN (an ATIN does not count), so they are not a qualifying child for California's credits."),
    _p.CA_ID_CITATION,
)
CA_ELIGIBLE = _r(
    "ca_eitc_children_counted",
    ngettext_lazy(
        "The California EITC is figured with %(count)s qualifying child (an SSN or an ITIN is accepted).",
        "The California EITC is figured with %(count)s qualifying children (an SSN or an ITIN is accepted).",
        "count",
    ),
    _p.CA_EITC_CITATION,
)
CA_ITIN_OK = _r(
    "ca_itin_accepted",
    _("California accepts an ITIN for the taxpayer, the spouse and the children: the federal SSN rules do not apply to its credits."),
    _p.CA_ID_CITATION,
)
CA_FLOOR_UNCERTAIN = _r(
    "ca_eitc_estimate_uncertain",
    _("This amount is an estimate: near the top of the income range it depends on a %(year)s value the FTB does not publish (about %(floor)s, indexed from 2019). Check it against the FTB 3514 table."),
    "R&TC §17052(d)(2); FTB 3514",
)
YCTC_ELIGIBLE = _r(
    "yctc_child_under_6",
    _("There is a California qualifying child under 6; the Young Child Tax Credit is one credit per return, up to %(max)s."),
    "R&TC §17052.1",
)
YCTC_NO_CHILD = _r(
    "yctc_no_child_under_6",
    _("The Young Child Tax Credit needs a California qualifying child under 6 at the end of the year."),
    "R&TC §17052.1(c)",
)
YCTC_PHASE_OUT = _r(
    "yctc_phase_out",
    _("Above %(start)s of earned income the credit falls by %(per_step)s for each $100 or part of $100."),
    "R&TC §17052.1",
)
YCTC_ZERO_EARNINGS = _r(
    "yctc_zero_earnings_rule",
    _("With no earned income (or a business loss) the Young Child Tax Credit is still allowed if losses and wages do not exceed %(limit)s. The exact FTB tests were not checked: confirm in the FTB 3514 instructions."),
    "R&TC §17052.1(b)(1)(B)",
)
YCTC_LOSS_TOO_LARGE = _r(
    "yctc_losses_over_limit",
    _("With no earned income, the Young Child Tax Credit is allowed only if losses and wages do not exceed %(limit)s."),
    "R&TC §17052.1(b)(1)(B)",
)
FYTC_NOT_FOSTER = _r(
    "fytc_no_foster_youth",
    _("No one filing this return said they were in California foster care at age 13 or older."),
    "R&TC §17052.2",
)
FYTC_AGE = _r(
    "fytc_age",
    _("%(subject_cap)s is %(age)s; the Foster Youth Tax Credit is for ages 18 to 25 at the end of the year."),
    "R&TC §17052.2",
)
FYTC_NEEDS_CALEITC = _r(
    "fytc_needs_caleitc",
    _("The Foster Youth Tax Credit is only for people who get the California EITC."),
    "R&TC §17052.2",
)
FYTC_ELIGIBLE = _r(
    "fytc_eligible",
    ngettext_lazy(
        "%(count)s person on the return qualifies for the Foster Youth Tax Credit (up to %(max)s each).",
        "%(count)s people on the return qualify for the Foster Youth Tax Credit (up to %(max)s each).",
        "count",
    ),
    "R&TC §17052.2",
)
FYTC_UNCERTAIN = _r(
    "fytc_rules_unconfirmed",
    _("The Foster Youth Tax Credit rules used here (ages 18 to 25, foster care at 13 or older) come from a summary, not the statute: confirm them in the FTB 3514 instructions before counting on this amount."),
    "R&TC §17052.2",
)

# --- Questions that may change the answer (no household field to edit: reasons, not changes) ---------
SPOUSE_FILES_JOINTLY = _r(
    "spouse_files_jointly",
    _("Ask whether your spouse has an SSN valid for work: filing jointly with such a spouse makes the Child Tax Credit available for children with SSNs. Screen the household again as a joint return to see the amount."),
    _p.CTC_SSN_CITATION,
)
MFS_SEPARATED = _r(
    "mfs_separated_spouse",
    _("If you lived apart from your spouse for the last 6 months of the year (or have a written separation agreement) and your qualifying child lived with you more than half the year, the EITC is allowed."),
    "IRC §32(d)(2)(B)",
)
MFS_FILE_JOINTLY = _r(
    "mfs_file_jointly",
    _("Filing jointly with your spouse (each with an SSN or ITIN) would make California's credits available. Screen the household again as a joint return to see the amounts."),
    "FTB CalEITC eligibility",
)

# --- Changes: computed by changes.py, each with its scenario and the amount after -----------------
FILER_SSN_BY_DUE_DATE = _c(
    "filer_ssn_before_due_date",
    _("If %(subject)s receives an SSN valid for work issued before the return's due date (extensions included), this credit would be %(amount)s."),
    "IRC §24(h)(7), §32(m)",
)
CHILD_SSN_BY_DUE_DATE = _c(
    "child_ssn_before_due_date",
    _("If %(subject)s receives an SSN valid for work issued before the return's due date (extensions included), this credit would be %(amount)s."),
    "IRC §24(h)(7), §32(c)(3)(D), §32(m)",
)
DEPENDENT_W7 = _c(
    "dependent_w7",
    _("If %(subject)s gets an ITIN (Form W-7 sent with the return), this credit would be %(amount)s."),
    "IRC §24(e)(1); FTB CalEITC eligibility",
)
FILER_W7 = _c(
    "filer_w7",
    _("If %(subject)s gets an ITIN (Form W-7 sent with the return), this credit would be %(amount)s."),
    "IRC §24(e)(2); FTB CalEITC eligibility",
)
COMBINED_CHANGES = _c(
    "combined_changes",
    _("If all of these happen, this credit would be %(amount)s: %(edits)s."),
    "IRC §24(e), §24(h)(7), §32(m); FTB CalEITC eligibility",
)
# The same edits for a deduction (the senior, tips and overtime deductions need a work SSN; the
# citation is the deduction's section, given by changes.py).
DEDUCTION_FILER_SSN = _c(
    "deduction_filer_ssn_before_due_date",
    _("If %(subject)s receives an SSN valid for work issued before the return's due date (extensions included), this deduction would be %(amount)s."),
    "IRC §151(d)(5)(C), §224, §225",
)
DEDUCTION_COMBINED_CHANGES = _c(
    "deduction_combined_changes",
    _("If all of these happen, this deduction would be %(amount)s: %(edits)s."),
    "IRC §151(d)(5)(C), §224, §225",
)
EDIT_SSN = _("%(subject)s receives an SSN valid for work issued before the return's due date (extensions included)")
EDIT_W7 = _("%(subject)s gets an ITIN (Form W-7 sent with the return)")

# --- Flags --------------------------------------------------------------------------------------
FLAG_ITIN_EXPIRED = _f(
    "itin_expired_renew",
    _("The ITIN of %(subject)s has expired or is being renewed. Renew it with Form W-7 before filing (or send the renewal W-7 with the return); credits that need it are not allowed on an expired ITIN."),
    "IRC §6109(i)(3)",
)
FLAG_FILER_APPLYING = _f(
    "itin_apply_w7",
    _("%(subject_cap)s is applying for an ITIN: send Form W-7 with this return."),
    "IRC §6109(i); IRS Form W-7 instructions",
)
FLAG_FILER_NONE = _f(
    "filer_needs_tin",
    _("%(subject_cap)s has no SSN or ITIN. They need an ITIN (Form W-7 with the return) to file and to claim the Credit for Other Dependents or California's credits."),
    "IRC §6109; IRC §24(e)(2)",
)
FLAG_DEPENDENT_APPLYING = _f(
    "dependent_w7_with_return",
    _("Send Form W-7 for %(subject)s with the return: their ITIN is needed for the Credit for Other Dependents and California's credits."),
    "IRC §24(e)(1); IRS Tax Topic 857",
)
FLAG_DEPENDENT_ITIN_EXPIRED = _f(
    "dependent_itin_renew",
    _("The ITIN of %(subject)s has expired or is being renewed: send the renewal Form W-7 with the return or before it."),
    "IRC §6109(i)(3)",
)
FLAG_DEPENDENT_NONE = _f(
    "dependent_needs_w7",
    _("%(subject_cap)s has no SSN, ITIN or ATIN. A Form W-7 sent with the return may let them count for the Credit for Other Dependents and California's credits."),
    "IRC §24(e)(1); IRS Tax Topic 857; FTB CalEITC eligibility",
)
FLAG_DECLINED = _f(
    "id_declined",
    _("The ID type of %(subject)s was not given. Credits that depend on it are shown as not yet known, never guessed."),
    "IRC §24(h)(7), §32(m); R&TC §17052",
)
FLAG_TAX_UNCERTAIN = _f(
    "income_tax_depends_on_declined_id",
    _("The federal income tax shown is the highest of the possibilities: the senior, tips and overtime deductions need an SSN valid for work, and an ID type was not given."),
    "IRC §151(d)(5)(C); P.L. 119-21 §70201 (IRC §224), §70202 (IRC §225)",
)

# --- Tax years and estimates ----------------------------------------------------------------------
CA_ESTIMATE = _r(
    "ca_estimate_prior_year_figures",
    _("Estimate: based on %(figures_year)s amounts. California has not yet published its %(year)s amounts, so the real figure (and, near the income limits, the answer) may differ."),
    "R&TC §17052, §17052.1, §17052.2 (amounts indexed each year; facts §2.4)",
)
FLAG_STATUS_NEEDS_PERSON = _f(
    "filing_status_needs_qualifying_person",
    _("The filing status needs a qualifying person, and no dependent is listed: the household was screened as single. Check the filing status or add the dependent."),
    "IRC §2(a)(1)(B), §2(b)(1)",
)

# --- Residence under 7 months ------------------------------------------------------------------------
RESIDENCY_QUESTION = _r(
    "residency_ask_release",
    _("%(subject_cap)s lived with you %(months)s months, less than half the year, so whether they count depends on facts not recorded. Ask: did the other parent sign Form 8332 (or a similar written release) letting you claim this child, and for a relative who is not your child, did you provide more than half of their support? Until then this credit cannot be screened."),
    "IRC §152(c)(1)(B), §152(d), §152(e); Form 8332",
)
RESIDENCY_NOT_COUNTED = _r(
    "residency_not_counted",
    _("%(subject_cap)s lived with you %(months)s months, less than half the year; with no written release (Form 8332) they are not counted here, and it makes no difference to this credit."),
    "IRC §152(c)(1)(B), §152(e)",
)
TAX_DEPENDS_ON_DEDUCTION = _r(
    "credit_depends_on_open_deduction",
    _("This credit is limited by the federal income tax, which depends on a deduction that cannot be settled yet (see the deductions)."),
    "IRC §24(b)(3); IRC §26(a)",
)
FLAG_TAX_RANGE = _f(
    "income_tax_depends_on_open_deduction",
    _("The federal income tax shown is the higher of two possibilities: a deduction depends on a rule that is not settled (see the deductions)."),
    "IRC §63; P.L. 119-21 §§70201–70202; IRC §199A",
)

# --- YCTC zero-earnings readings [U] -------------------------------------------------------------------
YCTC_READINGS_DIFFER = _r(
    "yctc_zero_earnings_readings_differ",
    _("With earned income of zero or less, two readings of the rule give different answers: if the %(limit)s limit applies to the net loss after wages (%(net)s here), the credit is allowed; if it applies to the business loss alone (%(loss)s here), it is not. The FTB 3514 instructions must settle this before counting the credit."),
    "R&TC §17052.1(b)(1)(B); FTB 3514 (tests not read, facts §2.2 [U])",
)

# --- Deductions (Schedule 1-A, QBI) --------------------------------------------------------------------
SENIOR_ELIGIBLE = _r(
    "senior_deduction_counted",
    ngettext_lazy(
        "%(count)s filer aged 65 or older with an SSN valid for work gets the senior deduction (up to %(max)s each, for %(year)s).",
        "%(count)s filers aged 65 or older with an SSN valid for work get the senior deduction (up to %(max)s each, for %(year)s).",
        "count",
    ),
    "IRC §151(d)(5)(C) as added by P.L. 119-21 §70103",
)
SENIOR_NONE = _r(
    "senior_no_filer_65",
    _("No one filing this return is 65 or older at the end of the year."),
    "IRC §151(d)(5)(C)(i)",
)
SENIOR_NO_SSN = _r(
    "senior_filer_no_work_ssn",
    _("%(subject_cap)s is 65 or older but has no SSN valid for work, which the senior deduction requires for each senior. An ITIN does not qualify; a spouse with an SSN keeps their own deduction."),
    "IRC §151(d)(5)(C); P.L. 119-21 §70103",
)
DEDUCTION_MFS = _r(
    "deduction_needs_joint_return",
    _("A married person must file jointly to take this deduction."),
    "IRC §151(d)(5)(C); P.L. 119-21 §70201 (IRC §224), §70202 (IRC §225)",
)
DEDUCTION_PHASED = _r(
    "deduction_phase_out",
    _("Income above %(start)s reduces this deduction (a reduction of %(reduction)s here)."),
    "IRC §151(d)(5)(C)(ii), §224(b)(2), §225(b)(2), §163(h)(4)(C)(ii)",
)
TIPS_ELIGIBLE = _r(
    "tips_deduction_counted",
    _("Qualified tips earned by a filer with an SSN valid for work are deducted, up to %(cap)s."),
    "IRC §224 as added by P.L. 119-21 §70201",
)
TIPS_NONE = _r(
    "tips_none_entered",
    _("No qualified tips were entered for anyone filing this return."),
    "IRC §224",
)
OVERTIME_ELIGIBLE = _r(
    "overtime_deduction_counted",
    _("The overtime premium earned by a filer with an SSN valid for work is deducted, up to %(cap)s."),
    "IRC §225 as added by P.L. 119-21 §70202",
)
OVERTIME_NONE = _r(
    "overtime_none_entered",
    _("No qualified overtime premium was entered for anyone filing this return."),
    "IRC §225",
)
WAGE_DEDUCTION_NO_SSN = _r(
    "wage_deduction_filer_no_work_ssn",
    _("%(subject_cap)s has no SSN valid for work, so their tips or overtime cannot be deducted."),
    "P.L. 119-21 §70201 (IRC §224), §70202 (IRC §225)",
)
WAGE_DEDUCTION_JOINT_ITIN = _r(
    "wage_deduction_joint_one_ssn_uncertain",
    _("On a joint return where one spouse has no SSN valid for work, the law can be read two ways: the spouse with the SSN deducts their own amount (%(amount_a)s), or the deduction needs both spouses to have one ($0). IRS instructions were not checked, so this deduction cannot be settled yet."),
    "P.L. 119-21 §70201 (IRC §224), §70202 (IRC §225); facts §1.4 [U]",
)
TIPS_JOINT_CAP_READINGS = _r(
    "tips_joint_cap_uncertain",
    _("The two spouses' tips are more than %(cap)s together. If the %(cap)s limit is per return (as a draft IRS form showed), the deduction is %(amount_a)s; if it is per spouse, it is %(amount_b)s. This cannot be settled until the final IRS instructions are read."),
    "IRC §224(b)(1); draft Schedule 1-A (facts §1.4 [N])",
)
CAR_LOAN_ELIGIBLE = _r(
    "car_loan_interest_counted",
    _("Interest on a loan taken out after 2024 for a new vehicle assembled in the U.S. is deducted, up to %(cap)s."),
    "IRC §163(h)(4) as added by P.L. 119-21 §70203",
)
CAR_LOAN_ITIN_OK = _r(
    "car_loan_interest_no_ssn_needed",
    _("Good news: this deduction needs no SSN, so filers with an ITIN can take it."),
    "IRC §163(h)(4) (no identification requirement); facts §1.4",
)
CAR_LOAN_NONE = _r(
    "car_loan_interest_none_entered",
    _("No qualifying car-loan interest was entered."),
    "IRC §163(h)(4)",
)
QBI_ELIGIBLE = _r(
    "qbi_deduction_counted",
    _("Self-employment profit is qualified business income: 20%% of it (profit minus half of the self-employment tax) is deducted, limited to 20%% of taxable income."),
    "IRC §199A(a), §199A(c)(1); Form 8995",
)
QBI_MINIMUM_USED = _r(
    "qbi_minimum_uncertain",
    _("From 2026 the deduction is at least %(minimum)s when qualified business income is %(floor)s or more. This assumes the client actively works in the business; the exact test was not confirmed."),
    "IRC §199A as amended by P.L. 119-21 §70105 (facts §1.5 [U])",
)
QBI_NO_PROFIT = _r(
    "qbi_no_business_profit",
    _("There is no self-employment profit, so there is no qualified business income deduction (a business loss carries forward; not modelled)."),
    "IRC §199A(c)(2)",
)
QBI_ABOVE_THRESHOLD = _r(
    "qbi_above_threshold",
    _("Taxable income is above %(threshold)s, where wage, property and service-business limits apply to this deduction. Those are not modelled here, so the deduction cannot be screened: the tax preparer must figure it on Form 8995-A."),
    "IRC §199A(b)(2), §199A(d), §199A(e)(2)",
)
QBI_ID_UNCERTAIN = _r(
    "qbi_no_ssn_rule_found",
    _("No SSN requirement was found for this deduction, so filers with an ITIN appear to qualify; this was not confirmed."),
    "IRC §199A (facts §1.5 [U])",
)
DEDUCTION_DEPENDS_ON_OTHER = _r(
    "deduction_depends_on_open_deduction",
    _("This deduction is limited by taxable income, which depends on another deduction that cannot be settled yet."),
    "IRC §199A(a)(1)(B)",
)

# --- Flags for the 2027 season -----------------------------------------------------------------------
FLAG_ITIN_UNUSED = _f(
    "itin_renewal_unused_three_years",
    _("The ITIN of %(subject)s was not on a federal return for %(first)s, %(second)s or %(third)s, so it has expired or is about to: renew it with Form W-7 attached to this return. The expiry date is read two ways: IRS practice says December 31, %(year)s; the statute says the day after the due date of the %(third)s return. Check the IRS ITIN page before telling the client a date."),
    "IRC §6109(i)(3); IRS ITIN expiry practice (facts §1.2 [N]/[U])",
)
FLAG_TRUMP_ACCOUNT = _f(
    "trump_account_pilot",
    _("%(subject_cap)s was born in %(born)s and has an SSN valid for work: they may qualify for the one-time $1,000 federal deposit to a Trump account if a U.S. citizen. The election is made on Form 4547."),
    "IRC §6434, §530A as added by P.L. 119-21 §70204",
)
FLAG_TRUMP_ACCOUNT_ITIN_PARENT = _f(
    "trump_account_itin_parent_uncertain",
    _("No one filing this return has an SSN valid for work. The law does not require the parent's SSN for the Trump-account election, but whether the IRS form accepts a parent with an ITIN was not confirmed."),
    "IRC §6434; Form 4547 (facts §1A.7 [U])",
)
FLAG_EDUCATION_LOST = _f(
    "education_credits_need_ssn",
    _("From 2026 the American Opportunity and Lifetime Learning credits need the claimant's own SSN valid for work (and the student's, for a student other than the filers): with an ITIN they are lost for the education expenses of %(subject)s."),
    "IRC §25A(g)(1) as added by P.L. 119-21 §70606",
)
FLAG_EDUCATION_JOINT_UNCERTAIN = _f(
    "education_credits_joint_uncertain",
    _("From 2026 the education credits need an SSN valid for work. On this joint return one spouse has one and the other does not; whether that is enough was not settled, so check before counting on the credit for %(subject)s."),
    "IRC §25A(g)(1) (facts §1A.8 [U])",
)
FLAG_EDUCATION_LAST_YEAR = _f(
    "education_credits_itin_last_year",
    _("For %(year)s an ITIN still works for the education credits for %(subject)s; from 2026 an SSN valid for work is required, so claim them on this return if they apply."),
    "IRC §25A(g)(1) (effective for taxable years beginning after December 31, 2025)",
)
FLAG_DEPENDENT_STANDARD_DEDUCTION = _f(
    "dependent_standard_deduction_not_published",
    _("If someone else can claim %(subject)s as a dependent, their %(year)s standard deduction uses an amount not yet published (earned income plus an amount not found): figure this return by hand."),
    "IRC §63(c)(5) (facts §1A.1, §1A.9 [U])",
)
