-- The audit log: one hash-chained row per API or admin call (io.ekms.core.audit).
-- Version 1000 keeps it clear of every module's own migrations, which share one Flyway history.
-- recorded_at is epoch milliseconds: exact on H2 and PostgreSQL alike, and what the chain hashes.
-- details is the canonical JSON object of the record's details ('{}' when there are none).
CREATE TABLE audit_log (
  seq         BIGINT       NOT NULL PRIMARY KEY,
  recorded_at BIGINT       NOT NULL,
  request_id  VARCHAR(128) NOT NULL,
  caller      VARCHAR(256) NOT NULL,
  operation   VARCHAR(64)  NOT NULL,
  vault       VARCHAR(256),
  key_id      VARCHAR(256),
  version_id  VARCHAR(256),
  result      VARCHAR(64)  NOT NULL,
  details     TEXT         NOT NULL,
  prev_hash   VARCHAR(64)  NOT NULL,
  hash        VARCHAR(64)  NOT NULL
);

-- Admin reads filter by request id to reconcile one operation across the KMS and the EKM.
CREATE INDEX audit_log_request_id ON audit_log (request_id, seq);
