"""The error raised for a household description the engine cannot read."""

from __future__ import annotations


class HouseholdError(ValueError):
    """A household description with problems; ``problems`` lists every ``(field_path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{path}: {message}" if path else message for path, message in self.problems))
