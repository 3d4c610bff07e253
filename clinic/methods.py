"""Every view answers only the methods it is meant for (review findings 3 and 11).

``AllowedMethodsMiddleware`` refuses any method other than GET, HEAD and POST for every URL before
any view runs (405, empty body): OPTIONS, TRACE, PUT, PATCH, DELETE and invented verbs never render
a page. Each view then says which of those it takes: ``require_safe`` (GET/HEAD) for pages that
only show, ``require_POST`` for actions, ``require_get_or_post`` for forms.
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods

ALLOWED_METHODS = ("GET", "HEAD", "POST")

require_get_or_post = require_http_methods(list(ALLOWED_METHODS))


class AllowedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)
