"""One migrated throwaway PostgreSQL database per test session (per xdist worker) for the tests
that run gunicorn with the production profile; skipped on SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.production import scripts
from tests.production.support import drop_database, manage, on_postgres, production_env


@dataclass
class Stack:
    database: str
    env: dict[str, str]
    totp_keys: dict[str, str]
    tmp: Path


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not on_postgres():
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    import uuid

    from tests.production.support import admin_sql

    name = f"confianza_stack_{uuid.uuid4().hex[:10]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    tmp = tmp_path_factory.mktemp("stack")
    try:
        env = production_env(tmp, name)
        manage(env, "migrate", "-v", "0")
        manage(env, "load_content")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        keys = scripts.people(manage(env, "shell", "-c", scripts.PEOPLE).stdout)
        yield Stack(database=name, env=env, totp_keys=keys, tmp=tmp)
    finally:
        drop_database(name)
