"""``{% interface_languages as choices %}``: the language picker's choices, named in their own script."""

from __future__ import annotations

from django import template

from clinic.languages import bcp47, interface_codes, language_name

register = template.Library()


@register.simple_tag
def interface_languages() -> list[dict[str, str]]:
    """Return each interface language as its code, its own name (never translated) and its BCP 47 tag."""
    return [{"code": code, "name": language_name(code), "tag": bcp47(code)} for code in interface_codes()]
