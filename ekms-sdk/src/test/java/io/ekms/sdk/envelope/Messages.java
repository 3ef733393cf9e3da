package io.ekms.sdk.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;

/** Helpers for envelope tests: byte-array round trips and seeded plaintexts. */
final class Messages {
  static final KeyReference KEY =
      new KeyReference("ocid1.vault.oc1..vvvvvvvv", "ocid1.key.oc1..kkkkkkkk");
  static final Map<String, String> CONTEXT = Map.of("purpose", "payroll", "tenant", "acme");

  private Messages() {}

  static byte[] plaintext(long seed, int size) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  static byte[] encrypt(Envelope envelope, byte[] plaintext) {
    return encrypt(envelope, CONTEXT, plaintext);
  }

  static byte[] encrypt(Envelope envelope, Map<String, String> context, byte[] plaintext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      envelope.encrypt(KEY, context, new ByteArrayInputStream(plaintext), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] decrypt(Envelope envelope, byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      envelope.decrypt(new ByteArrayInputStream(message), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The header's length (bytes and tag) of {@code message}. */
  static int headerLength(byte[] message) {
    try {
      var in = new java.io.DataInputStream(new ByteArrayInputStream(message));
      EnvelopeHeader.read(in);
      return message.length - in.available();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
