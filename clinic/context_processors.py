from __future__ import annotations

from django.conf import settings


def profile(request):
    """Expose the profile so the demo banner shows on every page."""
    return {"CONFIANZA_DEMO": settings.DEMO, "CONFIANZA_PROFILE": settings.PROFILE}
