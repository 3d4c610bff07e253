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

    def reason(self, **params: Any) -> Reason:
        return Reason(self.code, self._message(params), self.citation)

    def change(self, **params: Any) -> Change:
        return Change(self.code, self._message(params), self.citation)

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
CTC_CHILD_RESIDENCY = _r(
    "ctc_child_lived_too_short",
    _("%(subject_cap)s lived with you %(months)s months; a qualifying child must live with you more than half the year. They may count for the Credit for Other Dependents."),
    "IRC §152(c)(1)(B), §24(h)(4)",
)
CTC_NO_FILER_SSN = _r(
    "ctc_no_filer_work_ssn",
    _("For 2025 the Child Tax Credit needs an SSN valid for work for the taxpayer or, on a joint return, for at least one spouse. No one filing this return has one. The children can count for the Credit for Other Dependents instead."),
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
        "%(count)s dependent counts for the Credit for Other Dependents ($500 each, not refundable).",
        "%(count)s dependents count for the Credit for Other Dependents ($500 each, not refundable).",
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
    "IRC §32(b), §32(c)(3), §32(m); Rev. Proc. 2024-40 §3.06",
)
EITC_CHILDLESS = _r(
    "eitc_no_qualifying_child",
    _("The EITC is figured for a filer without a qualifying child."),
    "IRC §32(b), §32(c)(1)(A)(ii); Rev. Proc. 2024-40 §3.06",
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
    "IRC §32(i); Rev. Proc. 2024-40 §3.06(2)",
)
EITC_NO_EARNED_INCOME = _r(
    "eitc_no_earned_income",
    _("The EITC needs earned income (wages or self-employment earnings), and this household has none."),
    "IRC §32(a), §32(c)(2)",
)
EITC_INCOME_TOO_HIGH = _r(
    "eitc_income_too_high",
    _("At this income the EITC is fully phased out (it ends at %(end)s for this family size and filing status)."),
    "IRC §32(a)(2), §32(b); Rev. Proc. 2024-40 §3.06",
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
    _("This amount is an estimate: near the top of the income range it depends on a 2025 value the FTB does not publish (about %(floor)s, indexed from 2019). Check it against the FTB 3514 table."),
    "R&TC §17052(d)(2); FTB 3514 (2025)",
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

# --- Changes ------------------------------------------------------------------------------------
SPOUSE_FILES_JOINTLY = _c(
    "spouse_files_jointly",
    _("If your spouse has an SSN valid for work and you file jointly, the Child Tax Credit becomes available for children with SSNs."),
    _p.CTC_SSN_CITATION,
)
FILER_SSN_BY_DUE_DATE = _c(
    "filer_ssn_before_due_date",
    _("If %(subject)s receives an SSN valid for work issued before the return's due date (extensions included), this credit could become available."),
    "IRC §24(h)(7), §32(m)",
)
CHILD_SSN_BY_DUE_DATE = _c(
    "child_ssn_before_due_date",
    _("If %(subject)s receives an SSN valid for work issued before the return's due date (extensions included), they would count for this credit."),
    "IRC §24(h)(7), §32(m)",
)
DEPENDENT_W7 = _c(
    "dependent_w7",
    _("If %(subject)s gets an ITIN (Form W-7 sent with the return), they can count for this credit."),
    "IRC §24(e)(1); FTB CalEITC eligibility",
)
FILER_W7 = _c(
    "filer_w7",
    _("If %(subject)s gets an ITIN (Form W-7 sent with the return), this credit can become available."),
    "IRC §24(e)(2); FTB CalEITC eligibility",
)
MFS_SEPARATED = _c(
    "mfs_separated_spouse",
    _("If you lived apart from your spouse for the last 6 months of the year (or have a written separation agreement) and your qualifying child lived with you more than half the year, the EITC is allowed."),
    "IRC §32(d)(2)(B)",
)
MFS_FILE_JOINTLY = _c(
    "mfs_file_jointly",
    _("Filing jointly with your spouse (each with an SSN or ITIN) would make California's credits available."),
    "FTB CalEITC eligibility",
)

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
    _("The federal income tax shown is the higher of two possibilities: the senior deduction needs an SSN valid for work, and an ID type was not given."),
    "IRC §151(d)(5)(C)",
)
