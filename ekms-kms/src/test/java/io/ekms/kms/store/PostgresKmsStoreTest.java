package io.ekms.kms.store;

import io.ekms.core.db.Database;
import org.junit.jupiter.api.Nested;

/** The KMS store contracts on PostgreSQL (one embedded server per JVM, a database per contract). */
class PostgresKmsStoreTest {
  @Nested
  class RoundTrips extends ResourceRoundTripContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.postgres();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.postgres();
    }
  }

  @Nested
  class DeletionQueries extends DeletionQueriesContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.postgres();
    }
  }

  @Nested
  class RetryTokens extends RetryTokenContract {
    @Override
    protected Database openDatabase() {
      return KmsDatabases.postgres();
    }
  }
}
