package io.ekms.ekm.backend.pkcs11;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.Wipe;
import io.ekms.ekm.backend.pkcs11.Cryptoki.Pkcs11CallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * One logged-in connection to the token: the library instance, the slot found by label, a SunPKCS11
 * provider configured for that slot and its KeyStore. After a device failure the backend throws a
 * connection away and opens another; nothing here is ever repaired in place.
 *
 * <p>The provider's attribute template makes every generated AES key a session object with
 * CKA_SENSITIVE true and CKA_EXTRACTABLE false; storing it through the KeyStore copies it into a
 * labelled, private token object (C_CopyObject keeps both, and CKA_NEVER_EXTRACTABLE stays true).
 */
final class TokenConnection {
  final Cryptoki cryptoki;
  final long slot;
  final Provider provider;
  final KeyStore keyStore;

  private TokenConnection(Cryptoki cryptoki, long slot, Provider provider, KeyStore keyStore) {
    this.cryptoki = cryptoki;
    this.slot = slot;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Opens the token {@code settings.tokenLabel()} through the library at {@code libraryPath} (the
   * configured path, or another name for the same file after a reconnect).
   *
   * @throws Misconfiguration with one sentence naming what is wrong
   */
  static TokenConnection open(Pkcs11Settings settings, String libraryPath) {
    if (!Files.isRegularFile(Path.of(settings.library()))) {
      throw new Misconfiguration(
          "the PKCS#11 library " + settings.library() + " does not exist (pkcs11.library).");
    }
    Cryptoki cryptoki;
    Cryptoki.Slots slots;
    try {
      cryptoki = Cryptoki.load(libraryPath);
      slots = cryptoki.slotsLabelled(settings.tokenLabel());
    } catch (Pkcs11CallException e) {
      throw new Misconfiguration(
          "the PKCS#11 library " + settings.library() + " fails (" + e.getMessage() + ").", e);
    }
    if (slots.matching().size() != 1) {
      throw new Misconfiguration(
          (slots.matching().isEmpty() ? "no token" : "more than one token")
              + " labelled '"
              + settings.tokenLabel()
              + "' in "
              + settings.library()
              + " (tokens: "
              + slots.labels()
              + "; pkcs11.tokenLabel).");
    }
    long slot = slots.matching().getFirst();
    Provider provider = configure(libraryPath, slot);
    return new TokenConnection(cryptoki, slot, provider, login(provider, settings));
  }

  private static Provider configure(String libraryPath, long slot) {
    String config =
        String.join(
            "\n",
            "--name=ekms",
            "library=" + libraryPath,
            "slot=" + slot,
            "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {",
            "  CKA_TOKEN = false",
            "  CKA_SENSITIVE = true",
            "  CKA_EXTRACTABLE = false",
            "}",
            "");
    try {
      return Security.getProvider("SunPKCS11").configure(config);
    } catch (RuntimeException e) {
      throw new Misconfiguration(
          "SunPKCS11 cannot open slot " + slot + " of " + libraryPath + " (" + rootCause(e) + ").",
          e);
    }
  }

  private static KeyStore login(Provider provider, Pkcs11Settings settings) {
    char[] pin = settings.pin().reveal(TokenConnection::utf8Chars);
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin);
      return keyStore;
    } catch (IOException | GeneralSecurityException e) {
      String cause = rootCause(e);
      if (cause.contains("CKR_PIN")) {
        throw new Misconfiguration(
            "the PIN does not log in to token '"
                + settings.tokenLabel()
                + "' ("
                + cause
                + "; pkcs11.pin).");
      }
      throw new Misconfiguration(
          "cannot log in to token '" + settings.tokenLabel() + "' (" + cause + ").", e);
    } finally {
      Wipe.chars(pin);
    }
  }

  /** Whether the token still answers; a cheap call that needs no session. */
  boolean answers() {
    try {
      cryptoki.tokenLabel(slot);
      return true;
    } catch (Pkcs11CallException | RuntimeException e) {
      return false;
    }
  }

  static String rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  static char[] utf8Chars(byte[] bytes) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    char[] out = new char[decoded.remaining()];
    decoded.get(out);
    Wipe.chars(decoded.array());
    return out;
  }
}
