"""Judge a pip-audit JSON report honestly (used by .ci/audit; tested in tests/clinic/test_supply_chain.py).

Exit codes: 0 audited and clean (every finding explained in .ci/pip-audit-accepted.txt);
1 an unexplained known vulnerability, or an accepted entry without a reason;
3 UNAUDITED or PARTLY AUDITED (a package could not be checked), only when strict
(CONFIANZA_AUDIT_STRICT=1); otherwise 0 with a loud line naming what was not checked. A finding is
judged whenever the source answered, strict or not: an unexplained one always fails.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

ACCEPTED = Path(__file__).with_name("pip-audit-accepted.txt")


def load_accepted(path: Path = ACCEPTED) -> tuple[dict[str, str], list[str]]:
    """Return ``{vulnerability id: reason}`` and the lines that are missing a reason."""
    accepted: dict[str, str] = {}
    bad: list[str] = []
    if not path.exists():
        return accepted, bad
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"(\S+)\s+#\s*(\S.*)", line)
        if match is None:
            bad.append(line)
        else:
            accepted[match.group(1)] = match.group(2)
    return accepted, bad


def judge(report_text: str | None, *, strict: bool, accepted: dict[str, str], out=print) -> int:
    try:
        data = json.loads(report_text) if report_text else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        out("pip-audit: UNAUDITED — no report was produced: no vulnerability source could be reached "
            "from this machine. Nothing was checked.")
        return 3 if strict else 0
    deps = data.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = [d for d in deps if not d.get("skip_reason")]
    unexplained = 0
    for dep in deps:
        for vuln in dep.get("vulns") or []:
            ids = [vuln.get("id", "?"), *(vuln.get("aliases") or [])]
            reason = next((accepted[i] for i in ids if i in accepted), None)
            fixes = ", ".join(vuln.get("fix_versions") or ["none"])
            if reason:
                out(f"pip-audit: accepted {dep['name']} {dep['version']}: {ids[0]} — {reason}")
            else:
                unexplained += 1
                out(f"pip-audit: VULNERABLE {dep['name']} {dep['version']}: {ids[0]} (fix: {fixes})")
    if unexplained:
        out(f"pip-audit: {unexplained} known vulnerability(ies) not explained in .ci/pip-audit-accepted.txt")
        return 1
    if not audited:
        out(f"pip-audit: UNAUDITED — none of {len(deps)} dependencies could be checked: the vulnerability "
            "service is not reachable from here. This run says NOTHING about known vulnerabilities; "
            "run `make audit` where it is reachable (CONFIANZA_AUDIT_STRICT=1 makes this a failure).")
        return 3 if strict else 0
    if skipped:
        out(f"pip-audit: PARTLY AUDITED — {len(skipped)} of {len(deps)} dependencies could not be checked: "
            + ", ".join(d["name"] for d in skipped))
        if strict:
            return 3
    out(f"pip-audit: no unexplained known vulnerabilities in {len(audited)} audited dependencies")
    return 0


def main(argv: list[str]) -> int:
    path = argv[1]
    accepted, bad = load_accepted()
    if bad:
        for line in bad:
            print(f"pip-audit: .ci/pip-audit-accepted.txt: an accepted finding needs '# reason': {line}")
        return 1
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        text = None
    return judge(text, strict=os.environ.get("CONFIANZA_AUDIT_STRICT") == "1", accepted=accepted)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
