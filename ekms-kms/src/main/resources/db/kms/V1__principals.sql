-- Who may call the KMS: users, their API signing keys (public halves only) and their
-- per-compartment grants. Times are epoch millis. SQL accepted by H2 2.x and PostgreSQL.
CREATE TABLE kms_principal (
  id          VARCHAR(255)  PRIMARY KEY,
  tenancy_id  VARCHAR(255)  NOT NULL,
  name        VARCHAR(100)  NOT NULL,
  created_at  BIGINT        NOT NULL,
  CONSTRAINT kms_principal_name_unique UNIQUE (tenancy_id, name)
);

-- fingerprint: colon-separated hex MD5 of the DER SubjectPublicKeyInfo (47 characters).
CREATE TABLE kms_api_key (
  principal_id    VARCHAR(255)  NOT NULL REFERENCES kms_principal (id),
  fingerprint     VARCHAR(47)   NOT NULL,
  public_key_pem  VARCHAR(16384) NOT NULL,
  created_at      BIGINT        NOT NULL,
  CONSTRAINT kms_api_key_pk PRIMARY KEY (principal_id, fingerprint)
);

-- permission: READ, USE or MANAGE; one grant per principal and compartment.
CREATE TABLE kms_grant (
  principal_id    VARCHAR(255)  NOT NULL REFERENCES kms_principal (id),
  compartment_id  VARCHAR(255)  NOT NULL,
  permission      VARCHAR(16)   NOT NULL,
  granted_at      BIGINT        NOT NULL,
  CONSTRAINT kms_grant_pk PRIMARY KEY (principal_id, compartment_id),
  CONSTRAINT kms_grant_permission_check CHECK (permission IN ('READ', 'USE', 'MANAGE'))
);
