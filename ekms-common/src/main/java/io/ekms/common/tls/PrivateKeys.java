package io.ekms.common.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/** Turns a PEM block into a private key; PKCS#1 and SEC 1 keys are wrapped as PKCS#8 first. */
final class PrivateKeys {
  /** 1.2.840.113549.1.1.1 rsaEncryption. */
  private static final byte[] RSA_OID = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };

  /** 1.2.840.10045.2.1 id-ecPublicKey. */
  private static final byte[] EC_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
  private static final byte[] DER_NULL = {0x05, 0x00};

  private PrivateKeys() {}

  /** The key in {@code block}, or null when the block holds no private key. */
  static PrivateKey decode(PemBlock block) throws IOException {
    String label = block.label();
    if (label.equals("ENCRYPTED PRIVATE KEY")
        || (label.endsWith("PRIVATE KEY") && block.hasHeaders())) {
      throw new IOException("encrypted private keys are not supported; decrypt it first");
    }
    try {
      return switch (label) {
        case "PRIVATE KEY" -> pkcs8(block.der());
        case "RSA PRIVATE KEY" -> pkcs8(wrap(RSA_OID, DER_NULL, block.der()));
        case "EC PRIVATE KEY" -> pkcs8(wrap(EC_OID, curve(block.der()), block.der()));
        default -> null;
      };
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException("PEM block " + label + " is not a valid private key");
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    List<Der.Element> fields = Der.sequence(der);
    if (fields.size() < 3 || fields.get(1).tag() != Der.SEQUENCE) {
      throw new IllegalArgumentException("not PKCS#8");
    }
    List<Der.Element> identifier = Der.sequence(fields.get(1).encoded());
    if (identifier.isEmpty()) {
      throw new IllegalArgumentException("not PKCS#8");
    }
    byte[] algorithm = identifier.get(0).encoded();
    String name =
        Arrays.equals(algorithm, RSA_OID) ? "RSA" : Arrays.equals(algorithm, EC_OID) ? "EC" : null;
    if (name == null) {
      throw new IllegalArgumentException("unsupported key algorithm");
    }
    return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static byte[] wrap(byte[] oid, byte[] parameters, byte[] key) {
    return Der.encode(
        Der.SEQUENCE,
        VERSION_0,
        Der.encode(Der.SEQUENCE, oid, parameters),
        Der.encode(Der.OCTET_STRING, key));
  }

  /** The named-curve OID in a SEC 1 key's {@code [0] parameters} field. */
  private static byte[] curve(byte[] sec1) {
    for (Der.Element field : Der.sequence(sec1)) {
      if (field.tag() == 0xa0) {
        byte[] inner = field.content();
        if (inner.length > 0 && (inner[0] & 0xff) == Der.OID) {
          return inner;
        }
      }
    }
    throw new IllegalArgumentException("SEC 1 key without a named curve");
  }
}
