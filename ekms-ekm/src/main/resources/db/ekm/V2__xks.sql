-- AWS KMS External Key Store (XKS) proxy: key stores, their SigV4 credentials and the EKM keys
-- each one exposes. Secrets are stored only sealed under the EKM master key. Times are epoch millis.
CREATE TABLE ekm_xks_stores (
  id              VARCHAR(64)  PRIMARY KEY,
  name            VARCHAR(255) NOT NULL UNIQUE,
  uri_prefix      VARCHAR(128) NOT NULL UNIQUE,
  rate_per_second INT          NOT NULL,
  created_at      BIGINT       NOT NULL
);

CREATE TABLE ekm_xks_credentials (
  access_key_id VARCHAR(30)  PRIMARY KEY,
  store_id      VARCHAR(64)  NOT NULL REFERENCES ekm_xks_stores (id),
  sealed_secret VARCHAR(256) NOT NULL,
  created_at    BIGINT       NOT NULL
);

CREATE TABLE ekm_xks_keys (
  store_id        VARCHAR(64)  NOT NULL REFERENCES ekm_xks_stores (id),
  external_key_id VARCHAR(128) NOT NULL,
  vault_id        VARCHAR(64)  NOT NULL REFERENCES ekm_vaults (id),
  key_id          VARCHAR(64)  NOT NULL REFERENCES ekm_keys (id),
  key_usage       VARCHAR(16)  NOT NULL,
  PRIMARY KEY (store_id, external_key_id)
);
