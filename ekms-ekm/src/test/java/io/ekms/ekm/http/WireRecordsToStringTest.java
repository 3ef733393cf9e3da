package io.ekms.ekm.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.http.xks.XksBodies;
import io.ekms.ekm.service.XksMessages;
import io.ekms.testing.WireRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record of the EKM API, XKS and admin wire bodies keeps its field values out of {@code
 * toString}, so that no plaintext, key, token or secret reaches a log through one; a record added
 * later is checked too.
 */
class WireRecordsToStringTest {
  @Test
  void wireRecords_builtWithASecretInEveryField_toStringShowsNone() throws Exception {
    List<Class<?>> records =
        WireRecords.recordsOf(
            ApiBodies.class,
            XksBodies.class,
            XksMessages.class,
            AdminViews.class,
            XksAdminRoutes.class);
    assertThat(records).hasSizeGreaterThanOrEqualTo(30);
    for (Class<?> record : records) {
      String text = WireRecords.toStringWithSecrets(record);
      for (String form : WireRecords.secretForms()) {
        assertThat(text).as(record.getName()).doesNotContain(form);
      }
    }
  }
}
