"""The layering rules of docs/architecture.md, checked on the source.

* ``clinic/`` (the core) imports nothing from ``intake/`` or ``counseling/``.
* ``intake/`` imports nothing from ``counseling/`` except in its views, URLs and commands, which
  compose across apps (the results page links the handouts ``counseling/recommendations.py`` picks).
* No two modules of the project import each other, directly or round a longer circle, whether the
  import is at the top of the file or inside a function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clinic", "intake", "counseling")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for app in APPS for path in sorted((ROOT / app).rglob("*.py"))}


def imports_of(path: Path, modules: set[str], *, name: str | None = None) -> set[str]:
    """Return the project modules ``path`` imports (anywhere in the file, lazy imports included)."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import sub" imports the submodule when there is one, else a name of pkg.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for neighbour in sorted(graph.get(node, ())):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in on_stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def composes_across_apps(module: str) -> bool:
    """Views, URL modules and management commands may import from any app."""
    last = module.rpartition(".")[2]
    return last in {"views", "urls", "site_urls", "admin"} or ".management.commands." in module


def boundary_violations(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    bad = []
    for module, targets in sorted(graph.items()):
        app = module.partition(".")[0]
        for target in sorted(targets):
            other = target.partition(".")[0]
            if app == "clinic" and other in {"intake", "counseling"}:
                bad.append((module, target))
            elif app == "intake" and other == "counseling" and not composes_across_apps(module):
                bad.append((module, target))
    return bad


def test_the_core_and_intake_import_only_downward():
    assert boundary_violations(import_graph()) == []


def test_no_module_imports_itself_round_a_circle():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_circles(graph, expected):
    assert cycles(graph) == expected


def test_the_boundary_check_catches_an_upward_import():
    graph = {
        "clinic.audit": {"intake.models"},
        "intake.services": {"counseling.selectors"},
        "intake.views": {"counseling.recommendations"},
        "counseling.services": {"intake.facts", "clinic.audit"},
    }
    assert boundary_violations(graph) == [
        ("clinic.audit", "intake.models"),
        ("intake.services", "counseling.selectors"),
    ]


def test_the_graph_sees_lazy_and_relative_imports(tmp_path):
    source = tmp_path / "example.py"
    source.write_text(
        "from . import facts\n"
        "from .models import Household\n"
        "def later():\n"
        "    from counseling.selectors import latest_version\n"
        "    import clinic.audit\n",
        encoding="utf-8",
    )
    modules = set(project_modules())
    assert imports_of(source, modules, name="intake.example") == {
        "intake.facts", "intake.models", "counseling.selectors", "clinic.audit",
    }


# Built from pieces so this file does not match itself.
OUTSIDE_REFERENCES = re.compile(
    "|".join(
        [
            r"\b" + "DESIGN" + r"\.md\b",  # the design notes now live in docs/architecture.md
            r"\b" + "STYLE" + r"\.md\b",
            r"\.\./" + "shared",
            "shared/" + "facts",
            r"(?<![\w.])/" + r"(?:work|home|Users|root)/",  # a development machine's home or work tree
            r"[A-Za-z]:\\" + "Users",
        ]
    )
)


SKIPPED_DIRS = {".git", ".venv", ".ruff_cache", "out", "var", "node_modules", "__pycache__", "staticfiles", ".pytest_cache", ".hypothesis"}
BINARY_SUFFIXES = {".png", ".mo", ".pdf", ".woff", ".woff2", ".ttf", ".otf", ".pyc", ".sqlite3"}


def tracked_text_files() -> list[Path]:
    """Return the project's files (what a clean clone holds; no virtualenv, no run-time data)."""
    files = []
    for path in sorted(ROOT.rglob("*")):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED_DIRS for part in relative.parts) or not path.is_file():
            continue
        if path.suffix in BINARY_SUFFIXES or path.name.endswith(".map"):
            continue
        files.append(path)
    return files


def test_nothing_cites_a_path_outside_the_repository_or_of_a_development_machine():
    found = []
    for path in tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_REFERENCES.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert found == []


@pytest.mark.parametrize(
    "line",
    ["see DESIGN" + ".md", "(STYLE" + ".md §2)", "../" + "shared/x", "/" + "work/notes.md", "/" + "home/alice/x"],
)
def test_the_outside_reference_check_catches(line):
    assert OUTSIDE_REFERENCES.search(line)


@pytest.mark.parametrize("line", ["docs/architecture.md, habit 2", "/usr/bin/chromium", "/srv/confianza/.venv"])
def test_the_outside_reference_check_allows(line):
    assert not OUTSIDE_REFERENCES.search(line)
