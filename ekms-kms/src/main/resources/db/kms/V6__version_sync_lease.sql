-- The lease of the job that records the versions an EKM made by itself (a crypto period, an
-- approved rotation) as new versions of the KMS keys that reference them (docs/operations.md,
-- Rotation): one KMS node at a time asks the EKMs.
INSERT INTO kms_job_leases (name, holder, expires_at) VALUES ('external-version-sync', '', 0);
