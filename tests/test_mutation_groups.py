"""``make mutation`` gives each group every test that can kill its mutants.

A mutant is only "killed" by the tests the group selects (mutmut runs, for each mutant, the
selected tests that reach the mutated function). When test files are written but not selected,
their kills are never counted: an earlier run listed as survivors dozens of mutants that
tests/clinic/test_crypto_fields.py, test_purge_scope.py, test_purge_counting.py and
test_access_helpers.py already kill. So: every test file that imports a module a group mutates is
selected for that group, or listed in its ``not_selected`` with the reason.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config():
    spec = importlib.util.spec_from_file_location("ci_mutation", ROOT / ".ci" / "mutation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _modules(group: dict) -> list[str]:
    """The dotted names of what the group mutates (a package for ``path/*``)."""
    skipped = {p.removesuffix(".py").replace("/", ".") for p in group["do_not_mutate"]}
    out = []
    for path in group["only_mutate"]:
        name = path.removesuffix("/*").removesuffix(".py").replace("/", ".")
        if name not in skipped:
            out.append(name)
    return out


def test_every_test_file_that_imports_a_mutated_module_is_selected_or_excused():
    config = _config()
    for name, group in config.GROUPS.items():
        selected = set(config.selected_tests(group))
        excused = set(group.get("not_selected", {}))
        pattern = re.compile(
            r"^\s*(?:from|import)\s+(" + "|".join(re.escape(m) for m in _modules(group)) + r")\b", re.MULTILINE
        )
        missing = sorted(
            str(path.relative_to(ROOT))
            for path in (ROOT / "tests").rglob("test_*.py")
            if pattern.search(path.read_text(encoding="utf-8"))
            and str(path.relative_to(ROOT)) not in selected | excused
        )
        assert missing == [], f"{name}: add these to GROUPS[{name!r}]['tests'] in .ci/mutation.py, or excuse them"
        assert all(reason for reason in group.get("not_selected", {}).values())
        assert not excused & selected, name


def test_the_selected_files_exist():
    config = _config()
    for name, group in config.GROUPS.items():
        files = config.selected_tests(group)
        plain = [t for t in group["tests"] if "*" not in t]
        assert all((ROOT / t).exists() for t in plain), name
        assert len(files) >= len(plain), name
