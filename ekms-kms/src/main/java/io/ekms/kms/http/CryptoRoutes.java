package io.ekms.kms.http;

import io.ekms.common.json.Base64Field;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.CryptoService;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.service.Validate;
import io.helidon.webserver.http.HttpRouting;
import java.util.zip.CRC32;

/**
 * A vault's crypto endpoint, {@code /kms/{vaultId}/crypto/20180608/...} (KmsCryptoClient): encrypt,
 * decrypt, generateDataEncryptionKey. Plaintexts and DEKs live only in this request.
 */
final class CryptoRoutes {
  static final String BASE = "/kms/{vaultId}/crypto/20180608";
  private static final String ALGORITHM = "AES_256_GCM";
  private final CryptoService crypto;
  private final Exchange<Caller> x;

  CryptoRoutes(CryptoService crypto, Exchange<Caller> x) {
    this.crypto = crypto;
    this.x = x;
  }

  void routing(HttpRouting.Builder r) {
    r.post(BASE + "/encrypt", x.route("Encrypt", this::encrypt));
    r.post(BASE + "/decrypt", x.route("Decrypt", this::decrypt));
    r.post(
        BASE + "/generateDataEncryptionKey", x.route("GenerateDataEncryptionKey", this::generate));
  }

  private Reply encrypt(Request r, Caller caller) {
    var b = r.json(Requests.EncryptDataDetails.class);
    algorithm(b.encryptionAlgorithm());
    byte[] plaintext = b64("plaintext", b.plaintext(), 1, CryptoService.MAX_PLAINTEXT);
    try {
      var out =
          crypto.encrypt(
              caller.withLoggingContext(b.loggingContext()),
              Params.id(r, "vaultId", "vault"),
              Validate.ocid("keyId", b.keyId(), "key"),
              Validate.optionalOcid("keyVersionId", b.keyVersionId(), "keyversion"),
              plaintext,
              b.associatedData());
      return new Reply(
          200,
          new Views.EncryptedData(
              Base64Field.encode(out.ciphertext()), out.keyId(), out.keyVersionId(), ALGORITHM));
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }

  private Reply decrypt(Request r, Caller caller) {
    var b = r.json(Requests.DecryptDataDetails.class);
    algorithm(b.encryptionAlgorithm());
    byte[] ciphertext = b64("ciphertext", b.ciphertext(), 1, 8192);
    var out =
        crypto.decrypt(
            caller.withLoggingContext(b.loggingContext()),
            Params.id(r, "vaultId", "vault"),
            Validate.ocid("keyId", b.keyId(), "key"),
            Validate.optionalOcid("keyVersionId", b.keyVersionId(), "keyversion"),
            ciphertext,
            b.associatedData());
    try (var plaintext = out.plaintext()) {
      return plaintext.reveal(
          p ->
              new Reply(
                  200,
                  new Views.DecryptedData(
                      Base64Field.encode(p),
                      checksum(p),
                      out.keyId(),
                      out.keyVersionId(),
                      ALGORITHM)));
    }
  }

  private Reply generate(Request r, Caller caller) {
    var b = r.json(Requests.GenerateKeyDetails.class);
    var shape = Validate.required("keyShape", b.keyShape());
    Validate.check("AES".equals(shape.algorithm()), "'keyShape.algorithm' must be AES.");
    int length = Validate.required("keyShape.length", shape.length());
    var out =
        crypto.generateDataEncryptionKey(
            caller.withLoggingContext(b.loggingContext()),
            Params.id(r, "vaultId", "vault"),
            Validate.ocid("keyId", b.keyId(), "key"),
            length,
            b.associatedData());
    try (var dek = out.dek()) {
      String ciphertext = Base64Field.encode(out.wrapped().ciphertext());
      if (!Boolean.TRUE.equals(b.includePlaintextKey())) {
        return new Reply(200, new Views.GeneratedKey(ciphertext, null, null));
      }
      return dek.reveal(
          d ->
              new Reply(
                  200, new Views.GeneratedKey(ciphertext, Base64Field.encode(d), checksum(d))));
    }
  }

  /** CRC32 of the plaintext as a decimal string, the form OCI answers in. */
  static String checksum(byte[] plaintext) {
    CRC32 crc = new CRC32();
    crc.update(plaintext);
    return Long.toString(crc.getValue());
  }

  private static void algorithm(String value) {
    if (value != null && !ALGORITHM.equals(value)) {
      throw KmsError.INVALID_PARAMETER.error(
          "'encryptionAlgorithm' must be AES_256_GCM for an" + " external AES key.");
    }
  }

  private static byte[] b64(String field, String value, int min, int max) {
    try {
      return Base64Field.decode(field, value, min, max);
    } catch (IllegalArgumentException e) {
      throw (value == null ? KmsError.MISSING_PARAMETER : KmsError.INVALID_PARAMETER)
          .error(e.getMessage());
    }
  }
}
