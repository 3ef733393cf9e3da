-- Rotation a KMS may ask for, and crypto periods (docs/operations.md, Rotation). kms_rotation is
-- what the EKM answers the EKM API's rotate extension for the key: DENY (the default), ALLOW or
-- QUORUM. rotation_period_days (1 to 3650, or NULL: none) makes the EKM rotate the key by itself;
-- next_rotation_at (epoch millis) is when it is due, moved on by every rotation. A node rotates a
-- due key only after one conditional UPDATE of that column succeeds, so exactly one node of several
-- sharing this database rotates a key per period.
ALTER TABLE ekm_keys ADD COLUMN kms_rotation VARCHAR(8) DEFAULT 'DENY' NOT NULL;
ALTER TABLE ekm_keys ADD COLUMN rotation_period_days INT;
ALTER TABLE ekm_keys ADD COLUMN next_rotation_at BIGINT;
CREATE INDEX ekm_keys_next_rotation ON ekm_keys (next_rotation_at);
