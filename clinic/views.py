from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


@login_required
def home(request):
    """Send a signed-in user to their work: the intake desk."""
    return redirect("intake:household-list")


@require_POST
def logout_view(request):
    """End the session on the server and tell the browser to clear what it holds."""
    logout(request)
    response = redirect("login")
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
