-- A private endpoint may list several EKM nodes (failover). host and port stay the first address;
-- ekm_addresses holds them all, in order, as "host:port" joined by single spaces (IPv6 hosts in
-- brackets). Rows written before this migration have none: their one address is host:port.
-- The list is read and written whole with its endpoint and never changes, so it is one column.
ALTER TABLE kms_private_endpoints ADD COLUMN ekm_addresses TEXT;
