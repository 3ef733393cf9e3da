-- Google Cloud EKM: key stores (their OIDC issuer, audiences, refused access reasons), the service
-- accounts allowed to call each one, and the EKM keys each one exposes by name. Audiences and
-- denied reasons are space-separated lists. Times are epoch millis.
CREATE TABLE ekm_gcp_stores (
  id              VARCHAR(64)   PRIMARY KEY,
  name            VARCHAR(255)  NOT NULL UNIQUE,
  uri_prefix      VARCHAR(128)  NOT NULL UNIQUE,
  issuer          VARCHAR(2048) NOT NULL,
  jwks_url        VARCHAR(2048) NOT NULL,
  ca_bundle       TEXT,
  audiences       VARCHAR(4096) NOT NULL,
  rate_per_second INT           NOT NULL,
  denied_reasons  VARCHAR(1024) NOT NULL,
  created_at      BIGINT        NOT NULL
);

CREATE TABLE ekm_gcp_service_accounts (
  store_id   VARCHAR(64)  NOT NULL REFERENCES ekm_gcp_stores (id),
  email      VARCHAR(254) NOT NULL,
  created_at BIGINT       NOT NULL,
  PRIMARY KEY (store_id, email)
);

CREATE TABLE ekm_gcp_keys (
  store_id VARCHAR(64)  NOT NULL REFERENCES ekm_gcp_stores (id),
  key_name VARCHAR(128) NOT NULL,
  vault_id VARCHAR(64)  NOT NULL REFERENCES ekm_vaults (id),
  key_id   VARCHAR(64)  NOT NULL REFERENCES ekm_keys (id),
  PRIMARY KEY (store_id, key_name)
);
