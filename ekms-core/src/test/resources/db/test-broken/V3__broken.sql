-- DatabaseContract: a migration neither database accepts.
CREATE TABLE test_broken (id NOT_A_TYPE);
