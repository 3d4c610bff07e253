"""``{{ topic|topic_title }}``: a handout topic as people read it, never its slug."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from clinic.languages import normalize_language

register = template.Library()


@register.filter
def topic_title(topic) -> str:
    """Return the topic's title in the interface language (English, then the slug, as fallbacks)."""
    return topic.title_in(normalize_language(get_language()) or "en")
