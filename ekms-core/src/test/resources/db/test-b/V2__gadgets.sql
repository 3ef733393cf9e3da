-- DatabaseContract: the second migration folder, depending on the first.
CREATE TABLE test_gadget (
  id        BIGINT NOT NULL PRIMARY KEY,
  widget_id BIGINT NOT NULL REFERENCES test_widget (id)
);
