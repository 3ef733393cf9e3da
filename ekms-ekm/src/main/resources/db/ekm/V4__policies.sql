-- Key-access policies (docs/policies.md): a CEL condition attached to a vault, a key or a protocol
-- key store. scope is the PolicyScope's name, effect ALLOW or DENY; revision grows with each change
-- of the text. The unique (scope, scope_id, name) index also serves the per-request look-up of a
-- request's vault, key and store. Times are epoch millis.
CREATE TABLE ekm_policies (
  id         VARCHAR(64)   PRIMARY KEY,
  name       VARCHAR(128)  NOT NULL,
  scope      VARCHAR(16)   NOT NULL,
  scope_id   VARCHAR(64)   NOT NULL,
  effect     VARCHAR(8)    NOT NULL,
  expression VARCHAR(4096) NOT NULL,
  revision   BIGINT        NOT NULL,
  created_at BIGINT        NOT NULL,
  updated_at BIGINT        NOT NULL,
  CONSTRAINT ekm_policies_name UNIQUE (scope, scope_id, name)
);
