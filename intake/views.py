from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render


@login_required
def household_list(request):
    return render(request, "intake/household_list.html", {})


@login_required
def household_detail(request, code: str):
    raise Http404
