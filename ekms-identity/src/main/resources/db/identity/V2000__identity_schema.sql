-- The identity server's metadata (io.ekms.identity). Version 2000 keeps it clear of the EKM's and
-- the KMS's own migrations (the KMS may embed the identity server in its database) and of the
-- audit log's (1000). Times are epoch milliseconds.

-- OAuth clients. Only the SHA-256 of each secret is stored; the secret is shown once at creation.
-- audiences and scopes are space-separated lists (neither may contain spaces).
CREATE TABLE identity_clients (
  id            VARCHAR(64)   PRIMARY KEY,
  name          VARCHAR(255)  NOT NULL UNIQUE,
  secret_sha256 VARCHAR(64)   NOT NULL,
  audiences     VARCHAR(8192) NOT NULL,
  scopes        VARCHAR(1024) NOT NULL,
  created_at    BIGINT        NOT NULL
);

-- Token signing keys (RSA). The current key is the one row with superseded_at NULL. The private
-- key is kept only while the key signs, sealed under the master key (see keys.KeySealer); a
-- superseded key keeps its public half published until retire_at, then its row is deleted.
-- max_lifetime_seconds: the longest token lifetime the key has signed with.
CREATE TABLE identity_signing_keys (
  kid                  VARCHAR(64)   PRIMARY KEY,
  public_jwk           VARCHAR(4096) NOT NULL,
  sealed_private       TEXT,
  created_at           BIGINT        NOT NULL,
  superseded_at        BIGINT,
  retire_at            BIGINT,
  max_lifetime_seconds INT           NOT NULL
);

CREATE TABLE identity_meta (
  name       VARCHAR(64)   PRIMARY KEY,
  meta_value VARCHAR(2048) NOT NULL
);
