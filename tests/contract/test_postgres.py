"""What only the PostgreSQL store has: migrations, `newsdesk db upgrade`, connection errors."""

from __future__ import annotations

import io
import shutil

import pytest

from assistant.cli import main
from assistant.errors import IndexCorrupt, IndexMismatch


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_db_upgrade_creates_the_schema_once(database_url) -> None:
    code, out = _cli("db", "upgrade", "--database-url", database_url)
    assert code == 0
    assert "applied 0001_initial.sql" in out and "applied 0002_feeds.sql" in out
    assert "upgraded to newsdesk schema 2" in out
    code, out = _cli("db", "upgrade", "--database-url", database_url)
    assert (code, out.strip()) == (0, "already at newsdesk schema 2")


def test_an_older_schema_is_refused_until_upgraded(
    database_url, settings, fake_embedder, tmp_path, monkeypatch
) -> None:
    from pydantic import SecretStr

    from assistant.desk import Newsdesk
    from assistant.store.postgres import schema as postgres

    on_url = settings.model_copy(update={"database_url": SecretStr(database_url)})
    Newsdesk.open(on_url, embedder=fake_embedder).close()  # today's schema
    newer = tmp_path / "migrations"
    shutil.copytree(postgres.MIGRATIONS, newer)
    next_version = postgres.latest_version() + 1
    (newer / f"{next_version:04d}_article_language.sql").write_text(
        "ALTER TABLE articles ADD COLUMN language TEXT;\n", encoding="utf-8"
    )
    monkeypatch.setattr(postgres, "MIGRATIONS", newer)
    with pytest.raises(IndexMismatch, match="newsdesk db upgrade"):
        Newsdesk.open(on_url, embedder=fake_embedder)
    code, out = _cli("db", "upgrade", "--database-url", database_url)
    assert code == 0 and f"applied {next_version:04d}_article_language.sql" in out
    desk = Newsdesk.open(on_url, embedder=fake_embedder)
    assert desk.stats()["schema_version"] == next_version
    desk.close()


def test_stems_of_an_older_analyzer_are_refused_until_upgraded(
    database_url, settings, fake_embedder, corpus_copy
) -> None:
    import psycopg
    from pydantic import SecretStr

    from assistant.desk import Newsdesk

    on_url = settings.model_copy(update={"database_url": SecretStr(database_url)})
    desk = Newsdesk.open(on_url, embedder=fake_embedder)
    desk.ingest([corpus_copy], progress=False)
    before = desk.index.keyword_search("luxury exports Belarus", 5)
    passages = desk.stats()["chunks"]
    desk.close()
    # A database of the first analyzer: no record of it, and stems that fold nothing.
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'keyword_analyzer'")
        conn.execute("UPDATE chunks SET terms = to_tsvector('simple', 'stale')")
    with pytest.raises(IndexMismatch, match="newsdesk db upgrade"):
        Newsdesk.open(on_url, embedder=fake_embedder)
    code, out = _cli("db", "upgrade", "--database-url", database_url)
    assert code == 0 and f"stemmed {passages} passages again" in out
    desk = Newsdesk.open(on_url, embedder=fake_embedder)
    after = desk.index.keyword_search("luxury exports Belarus", 5)
    assert [i for i, _ in after] == [i for i, _ in before]
    assert [s for _, s in after] == pytest.approx([s for _, s in before])
    assert desk.index.keyword_search("stale", 5) == []
    desk.close()
    code, out = _cli("db", "upgrade", "--database-url", database_url)
    assert (code, out.strip()) == (0, "already at newsdesk schema 2")


def test_reading_commands_do_not_create_a_schema(database_url, settings, fake_embedder) -> None:
    from pydantic import SecretStr

    from assistant.desk import Newsdesk

    on_url = settings.model_copy(update={"database_url": SecretStr(database_url)})
    with pytest.raises(IndexCorrupt, match="newsdesk ingest"):
        Newsdesk.open(on_url, create=False, embedder=fake_embedder)


def test_an_unreachable_database_is_one_line_without_the_password(capsys, tmp_path) -> None:
    url = f"postgresql://newsdesk:s3cret@/newsdesk?host={tmp_path}&connect_timeout=2"
    code, _ = _cli("stats", "--database-url", url)
    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith("newsdesk: error: cannot connect to the database")
    assert "s3cret" not in error and "***" in error
    assert len(error.strip().splitlines()) == 1


def test_the_url_must_be_postgresql_and_db_upgrade_needs_one(capsys) -> None:
    assert _cli("stats", "--database-url", "mysql://somewhere/db")[0] == 2
    assert "must be a postgresql:// URL" in capsys.readouterr().err
    assert _cli("db", "upgrade")[0] == 2
    assert "NEWSDESK_DATABASE_URL" in capsys.readouterr().err


def test_stats_name_the_database_but_not_its_password(database_url, settings, fake_embedder):
    from pydantic import SecretStr

    from assistant.desk import Newsdesk
    from assistant.store.postgres import redacted

    on_url = settings.model_copy(update={"database_url": SecretStr(database_url)})
    desk = Newsdesk.open(on_url, embedder=fake_embedder)
    stats = desk.stats()
    desk.close()
    assert stats["database"] == redacted(database_url)
    assert stats["vector_index"]["kind"] == "pgvector-hnsw"
    with_password = database_url.replace("postgres:@", "postgres:pw@", 1)
    assert redacted(with_password) == database_url.replace("postgres:@", "postgres:***@", 1)


def test_a_restarted_server_is_reconnected_and_a_stopped_one_is_a_clear_error(
    tmp_path, settings, fake_embedder, corpus_copy, pg_server
) -> None:
    import pgserver
    from pydantic import SecretStr

    from assistant.desk import Newsdesk
    from assistant.errors import StoreUnavailable
    from tests.conftest import new_database

    folder = tmp_path / "own-server"
    server = pgserver.get_server(folder, cleanup_mode="stop")
    url = new_database(server)
    desk = Newsdesk.open(
        settings.model_copy(update={"database_url": SecretStr(url)}), embedder=fake_embedder
    )
    desk.ingest([corpus_copy / "002_f04dc1754ce9e86a.txt"], progress=False)
    server.cleanup()  # the server stops under the running app
    with pytest.raises(StoreUnavailable, match="lost the database at postgresql://"):
        desk.search("luxury exports")
    server = pgserver.get_server(folder, cleanup_mode="stop")  # and comes back
    try:
        assert desk.search("luxury exports", k=1)[0].published.isoformat() == "2022-03-25"
    finally:
        desk.close()
        server.cleanup()
