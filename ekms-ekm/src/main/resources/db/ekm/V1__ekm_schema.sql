-- The EKM's metadata. Key material appears here only sealed under the master key
-- (software backend) or as an HSM object label (pkcs11 backend). Times are epoch millis.
CREATE TABLE ekm_issuers (
  id            VARCHAR(64)   PRIMARY KEY,
  issuer        VARCHAR(512)  NOT NULL UNIQUE,
  jwks_uri      VARCHAR(2048),
  discovery_url VARCHAR(2048),
  ca_bundle     TEXT,
  created_at    BIGINT        NOT NULL
);

CREATE TABLE ekm_vaults (
  id          VARCHAR(64)  PRIMARY KEY,
  name        VARCHAR(255) NOT NULL UNIQUE,
  issuer_id   VARCHAR(64)  NOT NULL REFERENCES ekm_issuers (id),
  client_id   VARCHAR(255) NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL
);

CREATE TABLE ekm_keys (
  id                 VARCHAR(64)  PRIMARY KEY,
  vault_id           VARCHAR(64)  NOT NULL REFERENCES ekm_vaults (id),
  name               VARCHAR(255) NOT NULL,
  length_bits        INT          NOT NULL,
  state              VARCHAR(16)  NOT NULL,
  ops                VARCHAR(32)  NOT NULL,
  current_version_id VARCHAR(64),
  backend            VARCHAR(16)  NOT NULL,
  created_at         BIGINT       NOT NULL,
  updated_at         BIGINT       NOT NULL,
  CONSTRAINT ekm_keys_name_unique UNIQUE (vault_id, name)
);

CREATE TABLE ekm_key_versions (
  id          VARCHAR(64)   PRIMARY KEY,
  key_id      VARCHAR(64)   NOT NULL REFERENCES ekm_keys (id),
  version_number INT        NOT NULL,
  state       VARCHAR(16)   NOT NULL,
  backend     VARCHAR(16)   NOT NULL,
  handle      VARCHAR(1024),
  created_at  BIGINT        NOT NULL,
  updated_at  BIGINT        NOT NULL,
  CONSTRAINT ekm_key_versions_number_unique UNIQUE (key_id, version_number)
);

CREATE TABLE ekm_meta (
  name   VARCHAR(64)   PRIMARY KEY,
  meta_value VARCHAR(2048) NOT NULL
);
