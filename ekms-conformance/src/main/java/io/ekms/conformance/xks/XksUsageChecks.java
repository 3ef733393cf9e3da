package io.ekms.conformance.xks;

import static io.ekms.conformance.xks.XksCryptoChecks.AAD;
import static io.ekms.conformance.xks.XksCryptoChecks.PLAIN;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.CheckSkipped;
import io.ekms.conformance.Expect;
import java.util.List;
import java.util.Optional;

/**
 * Keys limited in use: the wrong use is InvalidKeyUsageException, and so is a CDIV on a key that
 * cannot decrypt (the proxy decrypts once to verify the CDIV).
 */
final class XksUsageChecks {
  private static final String USAGE = "InvalidKeyUsageException";
  private final XksCalls calls;

  XksUsageChecks(XksCalls calls) {
    this.calls = calls;
  }

  List<Check> all() {
    var keys = calls.target.usageKeys();
    return List.of(
        Check.of(
            "xks.usage.encrypt-only",
            "an encrypt-only key encrypts; decrypt and a CDIV are InvalidKeyUsageException",
            () -> encryptOnly(need(keys.encryptOnly(), "--encrypt-only-key"))),
        Check.of(
            "xks.usage.decrypt-only",
            "a decrypt-only key refuses encrypt, with or without AAD and CDIV",
            () -> noEncrypt(need(keys.decryptOnly(), "--decrypt-only-key"))),
        Check.of(
            "xks.usage.neither",
            "a key with no usage refuses encrypt, with or without AAD and CDIV",
            () -> noEncrypt(need(keys.neither(), "--no-usage-key"))));
  }

  private static String need(Optional<String> key, String option) throws CheckSkipped {
    return key.orElseThrow(() -> new CheckSkipped("needs such a key: give " + option));
  }

  private void encryptOnly(String key) throws Exception {
    for (byte[] aad : new byte[][] {AAD, null}) {
      Answer encrypted = calls.encryptRaw(key, PLAIN, aad, false);
      Expect.status(encrypted, 200, "encrypt with the encrypt-only key");
      XksCalls.error(
          calls.decrypt(key, XksCalls.decryptBody(encrypted, aad)), 400, USAGE, "decrypt with it");
      XksCalls.error(
          calls.encryptRaw(key, PLAIN, aad, true), 400, USAGE, "encrypt asking for a CDIV");
    }
  }

  private void noEncrypt(String key) throws Exception {
    for (byte[] aad : new byte[][] {AAD, null}) {
      for (boolean cdiv : new boolean[] {false, true}) {
        XksCalls.error(
            calls.encryptRaw(key, PLAIN, aad, cdiv),
            400,
            USAGE,
            "encrypt (AAD " + (aad != null) + ", CDIV " + cdiv + ")");
      }
    }
  }
}
