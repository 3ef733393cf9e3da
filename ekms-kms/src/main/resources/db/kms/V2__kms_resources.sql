-- The KMS's metadata: references only. No key material, plaintext or DEK is ever stored here;
-- the OAuth client secret of each vault is kept sealed under the KMS master key.
-- Times are epoch millis.
CREATE TABLE kms_private_endpoints (
  id             VARCHAR(255)  PRIMARY KEY,
  compartment_id VARCHAR(255)  NOT NULL,
  display_name   VARCHAR(255),
  subnet_id      VARCHAR(255),
  host           VARCHAR(255)  NOT NULL,
  port           INT           NOT NULL,
  ca_bundle      TEXT          NOT NULL,
  state          VARCHAR(32)   NOT NULL,
  created_at     BIGINT        NOT NULL,
  updated_at     BIGINT        NOT NULL
);
CREATE INDEX kms_private_endpoints_compartment ON kms_private_endpoints (compartment_id, created_at);

CREATE TABLE kms_vaults (
  id                   VARCHAR(255)  PRIMARY KEY,
  compartment_id       VARCHAR(255)  NOT NULL,
  display_name         VARCHAR(255),
  state                VARCHAR(32)   NOT NULL,
  ekm_vault_url        VARCHAR(2048) NOT NULL,
  private_endpoint_id  VARCHAR(255)  NOT NULL REFERENCES kms_private_endpoints (id),
  idcs_url             VARCHAR(2048) NOT NULL,
  client_app_id        VARCHAR(255)  NOT NULL,
  sealed_secret        VARCHAR(2048) NOT NULL,
  vendor               VARCHAR(255),
  created_at           BIGINT        NOT NULL,
  updated_at           BIGINT        NOT NULL,
  deletion_at          BIGINT
);
CREATE INDEX kms_vaults_compartment ON kms_vaults (compartment_id, created_at);

CREATE TABLE kms_keys (
  id                 VARCHAR(255)  PRIMARY KEY,
  vault_id           VARCHAR(255)  NOT NULL REFERENCES kms_vaults (id),
  compartment_id     VARCHAR(255)  NOT NULL,
  display_name       VARCHAR(255),
  length_bytes       INT           NOT NULL,
  state              VARCHAR(32)   NOT NULL,
  state_before_del   VARCHAR(32),
  current_version_id VARCHAR(255),
  external_key_id    VARCHAR(255)  NOT NULL,
  created_at         BIGINT        NOT NULL,
  updated_at         BIGINT        NOT NULL,
  deletion_at        BIGINT
);
CREATE INDEX kms_keys_vault ON kms_keys (vault_id, compartment_id, created_at);

CREATE TABLE kms_key_versions (
  id                       VARCHAR(255) PRIMARY KEY,
  key_id                   VARCHAR(255) NOT NULL REFERENCES kms_keys (id),
  vault_id                 VARCHAR(255) NOT NULL,
  compartment_id           VARCHAR(255) NOT NULL,
  external_key_version_id  VARCHAR(255) NOT NULL,
  state                    VARCHAR(32)  NOT NULL,
  created_at               BIGINT       NOT NULL,
  updated_at               BIGINT       NOT NULL,
  deletion_at              BIGINT,
  CONSTRAINT kms_key_versions_external_unique UNIQUE (key_id, external_key_version_id)
);
CREATE INDEX kms_key_versions_key ON kms_key_versions (key_id, created_at);

-- opc-retry-token: a retried create or action returns the first answer instead of acting twice.
CREATE TABLE kms_retry_tokens (
  principal_id  VARCHAR(255)  NOT NULL,
  retry_token   VARCHAR(64)   NOT NULL,
  operation     VARCHAR(64)   NOT NULL,
  request_hash  VARCHAR(64)   NOT NULL,
  status        INT           NOT NULL,
  response      TEXT          NOT NULL,
  created_at    BIGINT        NOT NULL,
  PRIMARY KEY (principal_id, retry_token)
);

CREATE TABLE kms_meta (
  name        VARCHAR(64)   PRIMARY KEY,
  meta_value  VARCHAR(2048) NOT NULL
);
