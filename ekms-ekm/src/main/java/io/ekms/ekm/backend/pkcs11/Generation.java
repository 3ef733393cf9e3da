package io.ekms.ekm.backend.pkcs11;

import io.ekms.common.secret.Wipe;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The keys and ciphers of one {@link TokenConnection}: keys found by label once and cached, and a
 * pool of AES-GCM {@link Cipher}s (one per concurrent caller, reused across requests because the
 * EKM's virtual threads do not live long enough for thread-local caching).
 */
final class Generation {
  private static final String GCM = "AES/GCM/NoPadding";

  final TokenConnection connection;
  private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
  private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

  Generation(TokenConnection connection) {
    this.connection = connection;
  }

  /**
   * The key labelled {@code label}, or null when the token holds none. A miss reloads the KeyStore
   * once, since its alias list is read at login and another node may have added the key since.
   */
  SecretKey key(String label, Pkcs11Settings settings) throws GeneralSecurityException {
    SecretKey cached = keys.get(label);
    if (cached != null) {
      return cached;
    }
    KeyStore store = connection.keyStore;
    Key found = store.getKey(label, null);
    if (found == null) {
      synchronized (store) {
        char[] pin = settings.pin().reveal(TokenConnection::utf8Chars);
        try {
          store.load(null, pin);
        } catch (java.io.IOException e) {
          throw new GeneralSecurityException("KeyStore reload failed", e);
        } finally {
          Wipe.chars(pin);
        }
      }
      found = store.getKey(label, null);
    }
    if (!(found instanceof SecretKey key)) {
      return null;
    }
    keys.put(label, key);
    return key;
  }

  /** Generates an AES key in the token and stores it as a token object labelled {@code label}. */
  void generate(String label, int lengthBits) throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES", connection.provider);
    generator.init(lengthBits);
    SecretKey sessionKey = generator.generateKey();
    connection.keyStore.setEntry(label, new KeyStore.SecretKeyEntry(sessionKey), null);
  }

  /** Deletes the token object labelled {@code label}; absent already is fine. */
  void delete(String label) throws GeneralSecurityException {
    keys.remove(label);
    connection.keyStore.deleteEntry(label);
  }

  void evict(String label) {
    keys.remove(label);
  }

  Cipher borrowCipher() throws GeneralSecurityException {
    Cipher cipher = ciphers.poll();
    return cipher != null ? cipher : Cipher.getInstance(GCM, connection.provider);
  }

  /** Returns a cipher that finished its operation normally; failed ones are dropped. */
  void giveBack(Cipher cipher) {
    ciphers.offer(cipher);
  }
}
