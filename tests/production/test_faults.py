"""Faults survived, nothing lost: the database goes away and comes back; a worker is killed
mid-request. gunicorn with the production profile on a throwaway PostgreSQL database."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from tests.production import scripts
from tests.production.support import Browser, Gunicorn, _admin_connect, record_household

pytestmark = pytest.mark.postgres


def _count(stack, sql: str) -> int:
    import psycopg

    from tests.production.support import database_url

    with psycopg.connect(database_url(stack.database), autocommit=True) as conn:
        return conn.execute(sql).fetchone()[0]


def _outage(database: str, *, down: bool) -> None:
    with _admin_connect() as conn:
        conn.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS {"false" if down else "true"}')
        if down:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )


def _wait_for(check, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("conn_max_age", ["0", "600"])
def test_the_database_goes_away_pages_answer_a_calm_503_and_service_resumes_by_itself(stack, conn_max_age):
    env = {**stack.env, "DB_CONN_MAX_AGE": conn_max_age}
    with Gunicorn(env, workers=2) as server:
        browser = Browser(server.port, language="es")
        user = f"volunteer-outage-{conn_max_age}"
        assert browser.sign_in(user, scripts.PASSWORD, stack.totp_keys[user]).status == 302
        assert browser.get("/intake/").status == 200
        households = _count(stack, "SELECT count(*) FROM intake_household")
        page = browser.get("/intake/households/new/")
        _outage(stack.database, down=True)
        try:
            for _ in range(3):  # every worker, whatever connection it held
                down = browser.get("/intake/")
                assert down.status == 503
                assert "Volvemos en un momento" in down.text and "Nada quedó guardado a medias" in down.text
                assert down.getheader("Retry-After") == "30"
                assert "Traceback" not in down.text and "psycopg" not in down.text
            assert browser.get("/healthz").status == 503
            assert browser.get("/healthz").content == b"unavailable\n"
            posted = browser.post(
                "/intake/households/new/", {"csrfmiddlewaretoken": browser.csrf(page.text), "client_agreed": "on"}
            )
            assert posted.status == 503
        finally:
            _outage(stack.database, down=False)
        assert _wait_for(lambda: browser.get("/healthz").status == 200)
        assert _wait_for(lambda: browser.get("/intake/").status == 200)
        # Still signed in (a signed-out request is redirected): the session was in the database all along.
        again = browser.get("/intake/")
        assert again.status == 200 and "/accounts/logout/" in again.text
        assert _count(stack, "SELECT count(*) FROM intake_household") == households
        record_household(browser)
        assert _count(stack, "SELECT count(*) FROM intake_household") == households + 1


def test_a_worker_killed_mid_request_loses_no_committed_write_and_leaves_no_partial_one(stack):
    with Gunicorn(stack.env, workers=1) as server:
        browser = Browser(server.port)
        assert browser.sign_in("volunteer-kill", scripts.PASSWORD, stack.totp_keys["volunteer-kill"]).status == 302
        committed = record_household(browser, nickname="Committed before the kill")
        counts = {
            table: _count(stack, f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            for table in ("intake_household", "intake_dependent", "intake_consent", "clinic_auditentry")
        }
        # Hold the audit table: the next household's transaction writes the household, its
        # dependents and its consent, then waits on the audit entry, its last write.
        import psycopg

        from tests.production.support import database_url

        locker = psycopg.connect(database_url(stack.database))
        locker.execute("LOCK TABLE clinic_auditentry IN ACCESS EXCLUSIVE MODE")
        (worker,) = server.worker_pids()
        outcome: dict = {}

        def submit():
            try:
                outcome["code"] = record_household(browser, nickname="Half-written if anything is")
            except Exception as exc:  # noqa: BLE001 - the connection drops when the worker dies
                outcome["error"] = exc

        thread = threading.Thread(target=submit, daemon=True)
        thread.start()
        try:
            waiting = _wait_for(
                lambda: _count(
                    stack,
                    f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{stack.database}' "  # noqa: S608
                    "AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO \"clinic_auditentry\"%'",
                )
                == 1,
                seconds=60,
            )
            assert waiting, "the request never reached its last write"
            os.kill(worker, signal.SIGKILL)
            thread.join(timeout=30)
        finally:
            locker.rollback()
            locker.close()
        assert "code" not in outcome  # the request did not succeed...
        for table, before in counts.items():  # ...and left nothing behind
            assert _count(stack, f"SELECT count(*) FROM {table}") == before, table  # noqa: S608
        # gunicorn starts a new worker; the committed household is intact and readable.
        assert _wait_for(lambda: server.worker_pids() and server.worker_pids() != [worker])
        assert _wait_for(lambda: browser.get("/healthz").status == 200)
        detail = browser.get(f"/intake/households/{committed}/")
        assert detail.status == 200 and "Committed before the kill" in detail.text
