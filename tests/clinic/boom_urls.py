"""The project's URLs plus one view that fails, to test what a server error shows and logs."""

from __future__ import annotations

from django.urls import path

from clinic.urls import urlpatterns as project_urlpatterns

CANARY_IN_EXCEPTION = "canary-in-exception-5521"


def boom(request):
    # An exception whose text quotes what a client typed, the worst case for a log line.
    secret_local = request.POST.get("notes", "")  # noqa: F841 - must not reach an error report
    raise ValueError(f"could not parse {CANARY_IN_EXCEPTION} {request.POST.get('notes', '')}")


urlpatterns = [path("boom/", boom, name="boom"), *project_urlpatterns]
