-- Followed feeds and the validators of fetched pages (assistant/store/feeds.py).
CREATE TABLE feeds (
    url TEXT PRIMARY KEY, title TEXT NOT NULL, added_at TEXT NOT NULL,
    refreshed_at TEXT, error TEXT, articles INTEGER NOT NULL DEFAULT 0,
    etag TEXT, last_modified TEXT, claimed_by TEXT, claimed_until DOUBLE PRECISION);
CREATE TABLE pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL);
