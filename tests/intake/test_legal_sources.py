"""docs/legal-sources.md holds every citation the engine's parameters use (issue: the design and
the sources live in the repository)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import intake.eligibility.params as params_package

LEGAL_SOURCES = Path(__file__).resolve().parents[2] / "docs" / "legal-sources.md"
SECTION = re.compile(r"§\s?[0-9][0-9A-Za-z.]*(?:\([0-9A-Za-z]+\))*")
REV_PROC = re.compile(r"Rev\. Proc\. (\d{4})-(\d+)")
PE_FILE = re.compile(r"PE (?:\.\.\./)?([\w/.*-]+\.yaml)")


def citation_parts(citation: str) -> list[str]:
    """Return the parts of a citation that must each be findable: every section, Rev. Proc. and
    PolicyEngine parameter file it names."""
    parts = [match.replace(" ", "").rstrip(".") for match in SECTION.findall(citation)]
    parts += [f"Rev. Proc. {year}-{number}" for year, number in REV_PROC.findall(citation)]
    parts += PE_FILE.findall(citation)
    return parts


def found_in(part: str, text: str) -> bool:
    if part.startswith("Rev. Proc. "):
        year, number = part.removeprefix("Rev. Proc. ").split("-")
        return part in text or f"RP {year[2:]}-{number}" in text
    return part in text


def engine_citations() -> dict[str, list[str]]:
    """Return ``{citation: [module.PARAMETER, ...]}`` for every parameter of every tax year."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.iter_modules(params_package.__path__):
        module = importlib.import_module(f"{params_package.__name__}.{info.name}")
        for name, value in vars(module).items():
            citation = getattr(value, "citation", None)
            if name.isupper() and isinstance(citation, str):
                found.setdefault(citation, []).append(f"{info.name}.{name}")
    return found


def missing_citations(text: str) -> list[tuple[str, str, list[str]]]:
    return [
        (part, citation, names)
        for citation, names in sorted(engine_citations().items())
        for part in citation_parts(citation)
        if not found_in(part, text)
    ]


def test_every_citation_of_the_engines_parameters_is_in_legal_sources():
    assert engine_citations(), "no parameter with a citation was found"
    assert missing_citations(LEGAL_SOURCES.read_text(encoding="utf-8")) == []


def test_a_citation_missing_from_the_document_is_reported():
    text = LEGAL_SOURCES.read_text(encoding="utf-8").replace("§1402(a)(12)", "§1402")
    assert [part for part, _citation, _names in missing_citations(text)] == ["§1402(a)(12)"]


@pytest.mark.parametrize(
    ("citation", "parts"),
    [
        ("IRC §24(h)(5), §24(i)(1); Rev. Proc. 2024-40", ["§24(h)(5)", "§24(i)(1)", "Rev. Proc. 2024-40"]),
        ("R&TC §17052.1; PE .../young_child/phase_out/start.yaml", ["§17052.1", "young_child/phase_out/start.yaml"]),
        ("IRC §63(c)(7) as amended by P.L. 119-21 §70102", ["§63(c)(7)", "§70102"]),
    ],
)
def test_citations_are_split_into_findable_parts(citation, parts):
    assert citation_parts(citation) == parts


def test_legal_sources_states_the_confidence_marks():
    text = LEGAL_SOURCES.read_text(encoding="utf-8")
    for mark in ("[V]", "[N]", "[U]"):
        assert mark in text
