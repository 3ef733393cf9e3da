-- One hash chain per node (io.ekms.core.audit): any number of KMS, EKM or identity processes can
-- write one database, each its own chain, named by its node id (audit.nodeId).
-- The rows of the single-writer log (V1000) become the chain of node '_legacy', which no process
-- can be configured as: it is closed, and still verifies (format 1: hashed without a node).

ALTER TABLE audit_log RENAME TO audit_log_v1;
DROP INDEX audit_log_request_id;

-- One row per chain: its hash format (1: legacy, 2: the node is hashed), and its tail, advanced
-- in the same transaction as the records. A writer advances it only from the tail it linked to,
-- which is what keeps a chain linear; verification uses it to see records cut off at the end.
CREATE TABLE audit_node (
  node_id   VARCHAR(64) NOT NULL,
  format    INTEGER     NOT NULL,
  last_seq  BIGINT      NOT NULL,
  last_hash VARCHAR(64) NOT NULL,
  CONSTRAINT audit_node_pk PRIMARY KEY (node_id)
);

CREATE TABLE audit_log (
  node_id     VARCHAR(64)  NOT NULL,
  seq         BIGINT       NOT NULL,
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
  hash        VARCHAR(64)  NOT NULL,
  CONSTRAINT audit_log_chain_pk PRIMARY KEY (node_id, seq)
);

INSERT INTO audit_log (node_id, seq, recorded_at, request_id, caller, operation, vault, key_id,
                       version_id, result, details, prev_hash, hash)
  SELECT '_legacy', seq, recorded_at, request_id, caller, operation, vault, key_id, version_id,
         result, details, prev_hash, hash
  FROM audit_log_v1;

INSERT INTO audit_node (node_id, format, last_seq, last_hash)
  SELECT '_legacy', 1, seq, hash FROM audit_log_v1
  WHERE seq = (SELECT MAX(seq) FROM audit_log_v1);

DROP TABLE audit_log_v1;

-- The request-id index is made on PostgreSQL only, by the Java migration V1002 (see why there).
