-- Named administrators of an admin API (docs/operations.md, "Administrators and roles"). Only the
-- SHA-256 of each administrator's token is kept. roles is a comma-separated list of role names.
-- admin_bootstrap holds the hash of the bootstrap token init writes: it can only create the first
-- security officer, and that creation deletes it, in the same transaction. Times are epoch millis.
CREATE TABLE administrators (
  id           VARCHAR(64)  PRIMARY KEY,
  name         VARCHAR(64)  NOT NULL,
  roles        VARCHAR(256) NOT NULL,
  token_sha256 VARCHAR(64)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  created_by   VARCHAR(128) NOT NULL,
  CONSTRAINT administrators_name UNIQUE (name),
  CONSTRAINT administrators_token UNIQUE (token_sha256)
);

CREATE TABLE admin_bootstrap (
  token_sha256 VARCHAR(64) PRIMARY KEY
);
