-- A client's secret before its latest rotation, still accepted until expires_at (epoch millis) so
-- that whoever holds it can move to the new one without an outage. Only the SHA-256 is kept. One
-- row at most per client; it goes with the client.
CREATE TABLE identity_client_previous_secrets (
  client_id     VARCHAR(64) PRIMARY KEY REFERENCES identity_clients (id) ON DELETE CASCADE,
  secret_sha256 VARCHAR(64) NOT NULL,
  expires_at    BIGINT      NOT NULL
);
