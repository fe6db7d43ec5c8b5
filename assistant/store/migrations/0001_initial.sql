-- newsdesk on PostgreSQL, schema 1: everything one archive holds, in one database.
-- Columns mirror the local catalog (ISO dates and JSON as text), so one set of queries reads both.
-- {dimension} is the embedder's vector size, filled in when the schema is first created.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    published TEXT,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    page_starts TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_by_published ON articles (published);

CREATE TABLE chunks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    page INTEGER,
    text TEXT NOT NULL,
    terms TSVECTOR NOT NULL,   -- the keyword analyzer's stems, with positions
    nterms INTEGER NOT NULL,   -- how many words the analyzer kept (BM25's document length)
    embedding VECTOR({dimension}) NOT NULL
);
CREATE INDEX chunks_by_article ON chunks (article_id);
CREATE INDEX chunks_terms ON chunks USING gin (terms);
CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding vector_ip_ops);

-- BM25 statistics, kept by triggers in the same transaction as the passages they count.
CREATE TABLE term_counts (lexeme TEXT PRIMARY KEY, passages BIGINT NOT NULL);
CREATE TABLE keyword_totals (
    one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    passages BIGINT NOT NULL,
    terms BIGINT NOT NULL
);
INSERT INTO keyword_totals VALUES (TRUE, 0, 0);

CREATE FUNCTION newsdesk_count_terms_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO term_counts (lexeme, passages)
        SELECT u.lexeme, count(*) FROM added_rows r, unnest(r.terms) u GROUP BY u.lexeme
        ON CONFLICT (lexeme) DO UPDATE SET passages = term_counts.passages + excluded.passages;
    UPDATE keyword_totals SET
        passages = passages + (SELECT count(*) FROM added_rows),
        terms = terms + (SELECT coalesce(sum(nterms), 0) FROM added_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION newsdesk_count_terms_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE term_counts t SET passages = t.passages - gone.n
        FROM (SELECT u.lexeme, count(*) AS n FROM removed_rows r, unnest(r.terms) u
              GROUP BY u.lexeme) gone
        WHERE t.lexeme = gone.lexeme;
    UPDATE keyword_totals SET
        passages = passages - (SELECT count(*) FROM removed_rows),
        terms = terms - (SELECT coalesce(sum(nterms), 0) FROM removed_rows);
    RETURN NULL;
END $$;

CREATE TRIGGER chunks_counted_in AFTER INSERT ON chunks
    REFERENCING NEW TABLE AS added_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_count_terms_in();
CREATE TRIGGER chunks_counted_out AFTER DELETE ON chunks
    REFERENCING OLD TABLE AS removed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_count_terms_out();

CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE file_articles (
    path TEXT NOT NULL REFERENCES files (path) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (path, article_id)
);
CREATE INDEX file_articles_by_article ON file_articles (article_id);

CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    signature BYTEA NOT NULL
);
CREATE INDEX story_members_by_story ON story_members (story_id);
CREATE TABLE story_bands (
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX story_bands_by_bucket ON story_bands (band, bucket);
CREATE INDEX story_bands_by_article ON story_bands (article_id);
CREATE TABLE story_links (
    a TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    jaccard DOUBLE PRECISION NOT NULL,
    cosine DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX story_links_by_b ON story_links (b);
