package io.ekms.ekm.store;

import io.ekms.core.db.Database;
import org.junit.jupiter.api.Nested;

/**
 * The store contracts on PostgreSQL (one embedded server per JVM, a fresh database per contract).
 */
class PostgresStoreTest {
  @Nested
  class IssuersVaultsMeta extends IssuerVaultMetaContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class KeysAndVersions extends KeyRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class Lookup extends CryptoLookupContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class RotationLock extends RotationLockContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class Policies extends PolicyRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class XksStores extends XksRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class VaultDeletion extends VaultDeleteContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class ConsoleSessions extends ConsoleSessionContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class AdminListPaging extends AdminListPagingContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }

  @Nested
  class CryptoPeriod extends CryptoPeriodContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.postgres();
    }
  }
}
