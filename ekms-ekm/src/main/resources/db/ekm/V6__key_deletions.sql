-- Keys scheduled for deletion (docs/operations.md, "Scheduled key deletion"): a deleted key waits
-- in state PENDING_DELETION, refusing every call, until deletion_time; it can be cancelled until
-- then. Any node's sweeper then destroys its versions and marks it DELETED, with the key's row
-- locked, so a deletion happens once. Times are epoch millis.
CREATE TABLE ekm_key_deletions (
  key_id        VARCHAR(64)  PRIMARY KEY,
  vault_id      VARCHAR(64)  NOT NULL,
  deletion_time BIGINT       NOT NULL,
  scheduled_at  BIGINT       NOT NULL,
  scheduled_by  VARCHAR(256) NOT NULL
);

CREATE INDEX ekm_key_deletions_due ON ekm_key_deletions (deletion_time);
