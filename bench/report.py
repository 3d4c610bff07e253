"""What the benchmark scripts share: the machine's name and writing their section of the results."""

from __future__ import annotations

import platform
import re
import subprocess
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def cpu_model() -> str:
    """Return the CPU model name as `lscpu` reports it."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout  # noqa: S607
        match = re.search(r"Model name:\s*(.+)", out)
        return match.group(1).strip() if match else platform.processor()
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown"


def write_section(heading: str, section: str, path: Path = RESULTS) -> None:
    """Replace the ``## heading`` section of the results file with ``section`` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    marker = f"## {heading}\n"
    if marker in text:
        pattern = re.escape(marker) + r".*?(?=\n## |\Z)"
        text = re.sub(pattern, lambda _m: section.rstrip("\n") + "\n", text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
