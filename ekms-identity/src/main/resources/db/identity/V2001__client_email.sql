-- A client may carry an e-mail: a service account, whose tokens then carry email and
-- email_verified as Google's ID tokens of service accounts do (what a Cloud EKM key store checks).
ALTER TABLE identity_clients ADD COLUMN email VARCHAR(254);
