-- Requests held for approval (docs/operations.md, "Quorum"): an administrator's call to a covered
-- operation waits here until enough other administrators approve it, is rejected, or expires.
-- target holds the call's path and query parameters as JSON (ids, never secrets); the body is kept
-- only sealed (AES-256-GCM under a key derived from the server's master key, bound to the id).
-- state: PENDING, EXECUTED, FAILED, REJECTED, EXPIRED. Times are epoch millis.
CREATE TABLE admin_requests (
  id               VARCHAR(64)     PRIMARY KEY,
  operation        VARCHAR(64)     NOT NULL,
  method           VARCHAR(8)      NOT NULL,
  target           VARCHAR(2048)   NOT NULL,
  sealed_body      VARCHAR(262144) NOT NULL,
  requester_id     VARCHAR(64)     NOT NULL,
  requester        VARCHAR(64)     NOT NULL,
  approvals_needed INT             NOT NULL,
  state            VARCHAR(16)     NOT NULL,
  created_at       BIGINT          NOT NULL,
  expires_at       BIGINT          NOT NULL,
  decided_at       BIGINT,
  outcome          VARCHAR(512)
);

CREATE TABLE admin_request_approvals (
  request_id  VARCHAR(64) NOT NULL,
  approver_id VARCHAR(64) NOT NULL,
  approver    VARCHAR(64) NOT NULL,
  approved_at BIGINT      NOT NULL,
  CONSTRAINT admin_request_approvals_pk PRIMARY KEY (request_id, approver_id)
);
