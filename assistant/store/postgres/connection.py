"""Connecting to PostgreSQL: URLs with the password hidden, the one connection a store holds
(the catalog's `?` placeholders, reconnecting after a server restart), vectors read back."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from assistant.errors import StoreUnavailable


def redacted(url: str) -> str:
    """The URL with its password hidden (for messages and stats)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str) -> Any:
    """An autocommit connection, or StoreUnavailable saying why there is none."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        raise StoreUnavailable(
            f"cannot connect to the database at {redacted(url)}: {' '.join(str(error).split())}"
        ) from error


def create_database(server_url: str, name: str) -> str:
    """Create an empty database `name` on the server `server_url` reaches; returns its URL
    (the same URL with the database part replaced)."""
    with connect(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


@functools.lru_cache(maxsize=256)
def _percent_style(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class QmarkConnection:
    """The store's one connection: takes the catalog's `?` placeholders, reconnects once the
    server is back after a restart, and reports a lost server as StoreUnavailable."""

    def __init__(self, url: str, ef_search: int, conn: Any = None) -> None:
        import psycopg

        self.url = url
        self.ef_search = ef_search
        self._lost = psycopg.OperationalError
        self._conn = self._session(conn)

    def _session(self, conn: Any = None) -> Any:
        """`conn` (or a new connection) set up for vectors and the HNSW search width."""
        conn = conn if conn is not None else connect(self.url)
        try:
            from pgvector.psycopg import register_vector

            register_vector(conn)
            conn.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(self.ef_search),))
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def conn(self) -> Any:
        """The live psycopg connection (a new one when the last was broken)."""
        if self._conn.broken:
            self._conn = self._session()
        return self._conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns its cursor."""
        try:
            return self.conn.execute(_percent_style(sql), params)
        except self._lost as error:
            raise StoreUnavailable(
                f"lost the database at {redacted(self.url)}: {' '.join(str(error).split())}"
            ) from error

    def executemany(self, sql: str, rows: Any) -> Any:
        """Run one statement for each row of parameters."""
        for row in rows:
            self.execute(sql, row)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


def array_of(value: Any) -> np.ndarray:
    """A pgvector value (a Vector, or an array when read as text) as float32."""
    found = value.to_numpy() if hasattr(value, "to_numpy") else value
    return np.asarray(found, dtype=np.float32)
