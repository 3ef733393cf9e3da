-- DatabaseContract: the first of two migration folders.
CREATE TABLE test_widget (
  id   BIGINT      NOT NULL PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE
);
