"""Shared fixtures: a real SQLite file per test, and a real PostgreSQL schema when a server is given.

Set FAMDESK_TEST_POSTGRES_URL (``.ci/run`` does) to run every ``ctx``-using test on PostgreSQL too.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FAMDESK_LANGUAGE", "en")

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from famdesk.app import open_database  # noqa: E402
from famdesk.domain.roles import DIRECTOR  # noqa: E402
from famdesk.i18n import set_ui_language  # noqa: E402
from famdesk.services.context import ServiceContext  # noqa: E402

POSTGRES_URL = os.environ.get("FAMDESK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(autouse=True)
def _english_ui() -> Iterator[None]:
    set_ui_language("en")
    yield
    set_ui_language("en")


@pytest.fixture
def data_dir(tmp_path):  # type: ignore[no-untyped-def]
    return tmp_path / "data"


def _postgres_schema_url(schema: str) -> str:
    base = POSTGRES_URL
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def backend(request):  # type: ignore[no-untyped-def]
    return request.param


@pytest.fixture
def database_url(backend: str, data_dir) -> Iterator[str | None]:  # type: ignore[no-untyped-def]
    """None for SQLite (famdesk's own default file in data_dir), else a fresh PostgreSQL schema."""
    if backend == "sqlite":
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def opened(data_dir, database_url):  # type: ignore[no-untyped-def]
    result = open_database(str(data_dir), database_url)
    result.ctx = result.ctx.as_actor(DIRECTOR)  # as the director who signed in
    yield result
    result.ctx.db.dispose()


@pytest.fixture
def ctx(opened) -> ServiceContext:  # type: ignore[no-untyped-def]
    return opened.ctx


@pytest.fixture
def sqlite_ctx(tmp_path) -> Iterator[ServiceContext]:  # type: ignore[no-untyped-def]
    result = open_database(str(tmp_path / "sqlite"))
    yield result.ctx.as_actor(DIRECTOR)
    result.ctx.db.dispose()
