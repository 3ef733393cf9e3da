package io.ekms.ekm.backup;

import io.ekms.common.json.Json;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The backup file, byte by byte (integers big-endian):
 *
 * <pre>
 * offset   size  field
 * 0        8     magic "EKMSBKUP"
 * 8        2     format version, 1
 * 10       8     backup key id (see {@link BackupKey#id()})
 * 18       12    AES-GCM nonce, random
 * 30       4     manifest length M, 2 to 65536
 * 34       M     manifest, UTF-8 JSON ({@link BackupManifest}), in the clear
 * 34+M     8     sealed payload length C, 16 to 256 MiB + 16
 * 42+M     C     AES-256-GCM(backup key, nonce, payload, aad = bytes 0 to 42+M) || tag(16)
 * 42+M+C         end of file: nothing may follow
 * </pre>
 *
 * Everything before the sealed payload is its associated data, so the manifest is authenticated
 * with it though anyone can read it. Every length is checked before anything is allocated; every
 * failure is one sentence.
 */
public final class BackupFile {
  public static final int VERSION = 1;
  static final int MAX_MANIFEST = 65_536;
  static final long MAX_PAYLOAD = 256L << 20;
  private static final byte[] MAGIC = "EKMSBKUP".getBytes(StandardCharsets.US_ASCII);
  private static final int FIXED = 8 + 2 + 8 + AesGcm.IV_BYTES + 4;
  private static final HexFormat HEX = HexFormat.of();

  private BackupFile() {}

  /** What anyone can read: the key id and the manifest, not yet authenticated. */
  public record Header(int formatVersion, String keyId, BackupManifest manifest) {}

  /** An authenticated backup: its manifest and its payload (which the caller wipes). */
  record Opened(Header header, byte[] payload) {
    @Override
    public String toString() {
      return "Opened[" + header.keyId() + "]";
    }
  }

  /** Seals {@code payload} under {@code key}, with {@code manifest} as associated data. */
  static byte[] seal(BackupManifest manifest, BackupKey key, byte[] payload) {
    byte[] manifestBytes = Json.write(manifest);
    byte[] nonce = AesGcm.newIv();
    long sealedLength = payload.length + (long) AesGcm.TAG_BYTES;
    if (manifestBytes.length > MAX_MANIFEST || payload.length > MAX_PAYLOAD) {
      throw BackupRefusedException.refused("the EKM's data is too large for one backup file.");
    }
    ByteBuffer aad = ByteBuffer.allocate(FIXED + manifestBytes.length + 8);
    aad.put(MAGIC).putShort((short) VERSION).put(HEX.parseHex(key.id())).put(nonce);
    aad.putInt(manifestBytes.length).put(manifestBytes).putLong(sealedLength);
    byte[] sealed = key.reveal(k -> AesGcm.seal(k, nonce, payload, aad.array()));
    byte[] file = Arrays.copyOf(aad.array(), aad.capacity() + sealed.length);
    System.arraycopy(sealed, 0, file, aad.capacity(), sealed.length);
    return file;
  }

  /** Reads a backup file, refusing one larger than a backup can be before reading it. */
  public static byte[] read(Path file) throws IOException {
    if (Files.size(file) > FIXED + MAX_MANIFEST + 8 + MAX_PAYLOAD + AesGcm.TAG_BYTES) {
      throw damaged();
    }
    return Files.readAllBytes(file);
  }

  /** The key id and manifest, without the key: nothing here is authenticated yet. */
  public static Header inspect(byte[] file) {
    return layout(file).header();
  }

  /**
   * Authenticates the whole file with {@code key} and answers its payload.
   *
   * @throws BackupRefusedException when the file is damaged, truncated, tampered with, or sealed
   *     under another key
   */
  static Opened open(byte[] file, BackupKey key) {
    Layout layout = layout(file);
    if (!layout.header().keyId().equals(key.id())) {
      throw BackupRefusedException.notAuthentic(
          "this backup is sealed under backup key "
              + layout.header().keyId()
              + ", not under the key given ("
              + key.id()
              + ").");
    }
    byte[] aad = Arrays.copyOf(file, layout.sealedOffset());
    byte[] nonce = Arrays.copyOfRange(file, 18, 18 + AesGcm.IV_BYTES);
    byte[] sealed = Arrays.copyOfRange(file, layout.sealedOffset(), file.length);
    byte[] payload;
    try {
      payload = key.reveal(k -> open(k, nonce, sealed, aad));
    } catch (FailedTag e) {
      throw BackupRefusedException.notAuthentic(
          "the backup file failed authentication: it was damaged or tampered with.");
    }
    if (!sha256(payload).equals(layout.header().manifest().payloadSha256())) {
      throw BackupRefusedException.notAuthentic(
          "the backup's payload does not match its manifest's SHA-256.");
    }
    return new Opened(layout.header(), payload);
  }

  static String sha256(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private record Layout(Header header, int sealedOffset) {}

  private static Layout layout(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file);
    if (file.length < FIXED || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw damaged();
    }
    in.position(MAGIC.length);
    int version = Short.toUnsignedInt(in.getShort());
    if (version != VERSION) {
      throw BackupRefusedException.notAuthentic(
          "this backup has format version " + version + ", which this ekms cannot read.");
    }
    byte[] keyId = new byte[8];
    in.get(keyId).position(in.position() + AesGcm.IV_BYTES);
    int manifestLength = in.getInt();
    if (manifestLength < 2
        || manifestLength > MAX_MANIFEST
        || in.remaining() < manifestLength + 8) {
      throw damaged();
    }
    byte[] manifestBytes = new byte[manifestLength];
    in.get(manifestBytes);
    long sealedLength = in.getLong();
    if (sealedLength < AesGcm.TAG_BYTES
        || sealedLength > MAX_PAYLOAD + AesGcm.TAG_BYTES
        || sealedLength != in.remaining()) {
      throw damaged();
    }
    BackupManifest manifest;
    try {
      manifest = Json.read(manifestBytes, BackupManifest.class);
    } catch (RuntimeException e) {
      throw damaged();
    }
    if (manifest.formatVersion() != VERSION || manifest.payloadSha256() == null) {
      throw damaged();
    }
    return new Layout(new Header(version, HEX.formatHex(keyId), manifest), in.position());
  }

  private static BackupRefusedException damaged() {
    return BackupRefusedException.notAuthentic(
        "this is not a complete ekms backup file (truncated, damaged or not a backup).");
  }

  /** Carries a failed tag out of the reveal lambda without naming the key. */
  private static final class FailedTag extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FailedTag() {
      super(null, null, false, false);
    }
  }

  private static byte[] open(byte[] key, byte[] nonce, byte[] sealed, byte[] aad) {
    try {
      return AesGcm.open(key, nonce, sealed, aad);
    } catch (AuthenticationFailedException e) {
      throw new FailedTag();
    }
  }
}
