-- Mutual TLS to the EKM: a private endpoint may hold the client certificate the KMS presents.
-- client_cert is the PEM chain (the KMS's certificate first); client_key_sealed its PKCS#8 private
-- key sealed under the KMS master key (never stored in the clear); client_cert_sha256 the leaf's
-- SHA-256 fingerprint, read with every crypto call so a rotated certificate is used at once.
-- All three are NULL for an endpoint without one (every row written before this migration).
ALTER TABLE kms_private_endpoints ADD COLUMN client_cert TEXT;
ALTER TABLE kms_private_endpoints ADD COLUMN client_key_sealed TEXT;
ALTER TABLE kms_private_endpoints ADD COLUMN client_cert_sha256 VARCHAR(64);
