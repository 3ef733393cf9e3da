-- RowsContract: one column of each kind the repositories bind and read.
CREATE TABLE test_rows (
  id       BIGINT      NOT NULL PRIMARY KEY,
  name     VARCHAR(64),
  state    VARCHAR(16),
  happened BIGINT
);
