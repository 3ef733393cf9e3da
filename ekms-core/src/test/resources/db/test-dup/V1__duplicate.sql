-- DatabaseContract: the same version as db/test-a.
CREATE TABLE test_duplicate (id BIGINT);
