package io.ekms.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.testing.WireRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record of the SDK model wire bodies keeps its field values out of {@code toString}, so that
 * no plaintext, key, token or secret reaches a log through one; a record added later is checked
 * too.
 */
class WireRecordsToStringTest {
  @Test
  void wireRecords_builtWithASecretInEveryField_toStringShowsNone() throws Exception {
    List<Class<?>> records =
        WireRecords.recordsOf(
            DecryptedData.class,
            EncryptedData.class,
            GeneratedKey.class,
            Key.class,
            KeyVersion.class,
            PrivateEndpoint.class,
            Vault.class);
    assertThat(records).hasSizeGreaterThanOrEqualTo(17);
    for (Class<?> record : records) {
      String text = WireRecords.toStringWithSecrets(record);
      for (String form : WireRecords.secretForms()) {
        assertThat(text).as(record.getName()).doesNotContain(form);
      }
    }
  }
}
