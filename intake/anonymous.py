"""The anonymous screening's answers between its POST and its results page (POST/redirect/GET).

Nothing about the family may be kept on the server (docs/privacy.md), and nothing identifying may
travel in a URL (URLs end up in access logs). So the answers go back to the volunteer's browser in
one cookie, and the results page is rendered from it:

* encrypted (Fernet, a key derived from ``SECRET_KEY`` for this purpose only), so the browser's
  cookie store holds no readable ID type or amount;
* short-lived: the cookie's ``Max-Age`` and Fernet's timestamp both end it after
  ``SCREENING_MINUTES``;
* bound to this sign-in (a hash of the session key): after sign-out, or for the next volunteer at
  the same browser, it can no longer be read;
* sent only to the screening's own pages (``Path``), ``HttpOnly``, ``SameSite=Strict``, and
  forgotten when a new screening starts.

It carries only the answers the form knows (never a nickname or notes, which the screening does not
ask); the server writes nothing, and the activity counter is counted once, on the POST.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.http import QueryDict

COOKIE = "confianza_screening"
PATH = "/intake/screening/"
SCREENING_MINUTES = 15
# Browsers keep cookies up to about 4 KB; a longer one is not set and the results are shown at once.
MAX_COOKIE = 3800


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"confianza.anonymous-screening\0" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _binding(request) -> str:
    key = request.session.session_key or ""
    return hashlib.sha256(f"screening:{key}".encode()).hexdigest()[:32]


def keep_answers(response, request, answers: list[tuple[str, str]]) -> bool:
    """Put the answers in the response's cookie; return False when they do not fit (nothing set)."""
    if not request.session.session_key:
        request.session.cycle_key()
    payload = json.dumps({"s": _binding(request), "a": answers}, separators=(",", ":")).encode()
    token = _fernet().encrypt(zlib.compress(payload)).decode()
    if len(token) > MAX_COOKIE:
        return False
    response.set_cookie(
        COOKIE, token, max_age=SCREENING_MINUTES * 60, path=PATH, httponly=True, samesite="Strict",
        secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
    )
    return True


def read_answers(request) -> QueryDict | None:
    """Return the kept answers as form data, or None when there are none, they expired or are not
    this sign-in's."""
    token = request.COOKIES.get(COOKIE, "")
    if not token:
        return None
    try:
        data = json.loads(zlib.decompress(_fernet().decrypt(token.encode(), ttl=SCREENING_MINUTES * 60)))
    except (InvalidToken, zlib.error, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("s") != _binding(request) or not isinstance(data.get("a"), list):
        return None
    answers = QueryDict(mutable=True)
    for pair in data["a"]:
        if isinstance(pair, list) and len(pair) == 2:
            answers.appendlist(str(pair[0]), str(pair[1]))
    return answers


def forget_answers(response) -> None:
    """Delete the kept answers from the browser."""
    response.delete_cookie(COOKIE, path=PATH, samesite="Strict")
