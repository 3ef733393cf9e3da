package io.ekms.ekm.store;

import io.ekms.core.db.Database;
import org.junit.jupiter.api.Nested;

/** The store contracts on an H2 file database, the EKM's default store. */
class H2StoreTest {
  @Nested
  class IssuersVaultsMeta extends IssuerVaultMetaContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class KeysAndVersions extends KeyRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class Lookup extends CryptoLookupContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class RotationLock extends RotationLockContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class Policies extends PolicyRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class XksStores extends XksRepositoryContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class VaultDeletion extends VaultDeleteContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class ConsoleSessions extends ConsoleSessionContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class AdminListPaging extends AdminListPagingContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }

  @Nested
  class CryptoPeriod extends CryptoPeriodContract {
    @Override
    protected Database openDatabase() {
      return StoreDatabases.h2();
    }
  }
}
