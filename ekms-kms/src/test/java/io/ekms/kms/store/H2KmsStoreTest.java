package io.ekms.kms.store;

import io.ekms.core.db.Database;
import org.junit.jupiter.api.Nested;

/** The KMS store contracts on an H2 file database, the KMS's default store. */
class H2KmsStoreTest {
  @Nested
  class RoundTrips extends ResourceRoundTripContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.h2File();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.h2File();
    }
  }

  @Nested
  class DeletionQueries extends DeletionQueriesContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.h2File();
    }
  }

  @Nested
  class RetryTokens extends RetryTokenContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.h2File();
    }
  }
}
