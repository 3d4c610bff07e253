"""In the browser: the figures a volunteer reads, and a Content-Security-Policy the browser enforces."""

from __future__ import annotations

import pytest

from intake.services import household_open
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _household(site, user):
    # Worked out in tests/intake/views/test_figures_shown.py (HOH, SSN child 4, ITIN child 9, $33,025,
    # tax year 2025): CTC $2,140 of which $1,700 refundable, ODC $500, EITC $2,782, total $5,422.
    return household_open(
        site=site,
        user=user,
        values={"tax_year": 2025, "filing_status": "head_of_household", "taxpayer_id_type": "ssn",
                "taxpayer_age": 34, "wages": 33025, "language": "en", "nickname": "", "notes": ""},
        dependents=[{"id_type": "ssn", "age": 4, "months_lived_with_filer": 12},
                    {"id_type": "itin", "age": 9, "months_lived_with_filer": 12}],
    )


def test_the_results_page_shows_each_amount_and_the_totals(page, live_server, site_a, volunteer_a):
    household = _household(site_a, volunteer_a)
    sign_in(page, live_server, "volunteer-a")
    response = page.goto(f"{live_server.url}{household.get_absolute_url()}")
    assert response.ok

    def text(selector):
        return " ".join(page.locator(selector).inner_text().split())

    assert text('[data-credit="federal_ctc"] [data-figure="amount"]') == "$2,140"
    assert "$1,700" in text('[data-credit="federal_ctc"] [data-figure="refundable"]')
    assert text('[data-credit="federal_odc"] [data-figure="amount"]') == "$500"
    assert text('[data-credit="federal_eitc"] [data-figure="amount"]') == "$2,782"
    assert "$5,422" in text('[data-figure="total-federal"]')
    assert "$5,422" in text('[data-figure="total"]')
    assert page.locator('[data-credit="federal_ctc"] .status-badge').inner_text().strip() != ""


def test_the_browser_refuses_an_inline_script_on_the_household_page(page, live_server, site_a, volunteer_a):
    household = _household(site_a, volunteer_a)
    sign_in(page, live_server, "volunteer-a")
    page.goto(f"{live_server.url}{household.get_absolute_url()}")
    # As if markup had slipped into the page: an inline script element and an inline handler.
    ran = page.evaluate(
        """async () => {
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
            const s = document.createElement('script');
            s.textContent = 'window.__inlineRan = true';
            document.body.appendChild(s);
            const img = document.createElement('img');
            img.setAttribute('onerror', 'window.__handlerRan = true');
            img.src = 'data:,not-an-image';
            document.body.appendChild(img);
            await new Promise(r => setTimeout(r, 300));
            return {inline: window.__inlineRan === true, handler: window.__handlerRan === true,
                    violations: window.__violations};
        }"""
    )
    assert ran["inline"] is False and ran["handler"] is False
    assert any(v.startswith("script-src") for v in ran["violations"]), ran["violations"]
