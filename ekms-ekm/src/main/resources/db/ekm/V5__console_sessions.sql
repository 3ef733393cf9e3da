-- Console sessions (docs/console.md). Only the SHA-256 of the session cookie is kept, so a copy of
-- the database opens no session. Every EKM node reads the same rows, so a session started on one
-- node works on all. Times are epoch millis.
CREATE TABLE ekm_console_sessions (
  id_sha256     VARCHAR(64)  PRIMARY KEY,
  administrator VARCHAR(256) NOT NULL,
  created_at    BIGINT       NOT NULL,
  last_seen_at  BIGINT       NOT NULL
);
