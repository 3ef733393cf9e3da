-- Periodic jobs that must run on one node at a time when several KMS nodes share this database:
-- a node runs a pass only while it holds the job's lease (holder, until expires_at in epoch
-- millis), taking it over once it has expired. The rows exist from the start, so taking a lease
-- is always one UPDATE.
CREATE TABLE kms_job_leases (
  name        VARCHAR(64)   PRIMARY KEY,
  holder      VARCHAR(128)  NOT NULL,
  expires_at  BIGINT        NOT NULL
);
INSERT INTO kms_job_leases (name, holder, expires_at) VALUES ('deletion-sweep', '', 0);
