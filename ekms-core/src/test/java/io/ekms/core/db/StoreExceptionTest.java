package io.ekms.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreExceptionTest {
  @ParameterizedTest
  @CsvSource({
    "23505, true, true", // unique or primary key
    "23503, true, false", // foreign key
    "23502, true, false", // not null
    "23514, true, false", // check
    "42P01, false, false", // undefined table
    "08006, false, false" // connection failure
  })
  void classify_sqlState_tellsConstraintAndDuplicate(
      String state, boolean constraint, boolean duplicate) {
    StoreException e = new StoreException(new SQLException("detail", state));

    assertThat(e.isConstraintViolation()).isEqualTo(constraint);
    assertThat(e.isDuplicateKey()).isEqualTo(duplicate);
  }

  @Test
  void classify_noSqlStateOrNoCause_isNeither() {
    StoreException noState = new StoreException(new SQLException("detail"));
    StoreException noCause = new StoreException("audit record 3 is not valid");

    assertThat(noState.isConstraintViolation()).isFalse();
    assertThat(noState.isDuplicateKey()).isFalse();
    assertThat(noCause.isConstraintViolation()).isFalse();
    assertThat(noCause.isDuplicateKey()).isFalse();
  }

  @Test
  void message_sqlException_showsStateButNotDetail() {
    SQLException cause = new SQLException("Key (name)=(secret-vault) already exists", "23505");

    StoreException e = new StoreException(cause);

    assertThat(e).hasMessage("metadata store failure (SQLState 23505)").hasCause(cause);
  }
}
