package io.ekms.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash chains of the audit log: one per node. Each entry's hash covers the previous hash of its
 * node's chain, so removing, reordering or editing a stored record breaks every later link of that
 * chain unless all of them are recomputed; the JSON-lines copy held by a SIEM is what exposes such
 * a rewrite.
 *
 * <pre>
 * hash      = lowercase hex( SHA-256( UTF-8( prevHash + "\n" + canonical ) ) )
 * prevHash  = the previous entry's hash in the same node's chain; 64 '0' characters for seq 1
 * canonical = {"caller":S,"details":{K:S,...},"key":S|null,"node":S,"operation":S,"requestId":S,
 *              "result":S,"seq":N,"time":N,"vault":S|null,"version":S|null}
 * </pre>
 *
 * <ul>
 *   <li>No whitespace anywhere; the members appear in exactly this order (sorted by name) and
 *       {@code details} members sorted by key in UTF-16 code unit order ({@link String#compareTo});
 *       no details is {@code {}}; an absent vault, key or version is {@code null}.
 *   <li>{@code node} is the node id of the chain. The one chain written before nodes existed
 *       ({@link AuditNodes#LEGACY}, format 1) was hashed without the {@code node} member; every
 *       other chain is format 2.
 *   <li>{@code seq} is the decimal sequence number within the node's chain; {@code time} the
 *       decimal milliseconds since 1970-01-01T00:00:00Z (negative before it); no sign for
 *       positives, no leading zeros.
 *   <li>Strings are quoted; {@code "} and {@code \} are escaped as {@code \"} and {@code \\};
 *       U+0008, U+0009, U+000A, U+000C, U+000D as {@code \b \t \n \f \r}; other characters below
 *       U+0020 as a backslash, {@code u} and four lowercase hex digits; every other character
 *       (including '/', DEL and all non-ASCII) as itself.
 * </ul>
 *
 * <p>For these value types that is exactly RFC 8785 (JSON Canonicalization Scheme), so any JCS
 * implementation can recompute a hash. Changing a rule invalidates every stored chain:
 * AuditChainTest freezes the encoding with fixed vectors.
 */
final class AuditChain {
  static final String GENESIS_HASH = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** The format-1 canonical JSON of {@code record} at {@code seq} (the legacy chain's). */
  static String canonical(long seq, AuditRecord record) {
    return canonical(null, seq, record);
  }

  /**
   * The canonical JSON of {@code record} at {@code seq} of {@code node}'s chain (null: format 1).
   */
  static String canonical(String node, long seq, AuditRecord record) {
    StringBuilder b = new StringBuilder(256);
    canonical(b, node, seq, record);
    return b.toString();
  }

  /** The canonical JSON of a details map alone, as stored in the {@code details} column. */
  static String details(Map<String, String> details) {
    StringBuilder b = new StringBuilder();
    details(b, details);
    return b.toString();
  }

  /** The format-1 hash (the legacy chain's). */
  static String hash(String prevHash, long seq, AuditRecord record) {
    return new Hasher().hash(prevHash, null, seq, record);
  }

  static String hash(String prevHash, String node, long seq, AuditRecord record) {
    return new Hasher().hash(prevHash, node, seq, record);
  }

  /**
   * Hashes with one reused digest and buffer; one per thread (the writer keeps one for its life).
   */
  static final class Hasher {
    private final MessageDigest sha256;
    private final StringBuilder buffer = new StringBuilder(512);
    private final StringBuilder lines = new StringBuilder(512);

    Hasher() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK provides SHA-256", e);
      }
    }

    /** The hash of {@code record} at {@code seq} of {@code node}'s chain (null: format 1). */
    String hash(String prevHash, String node, long seq, AuditRecord record) {
      buffer.setLength(0);
      buffer.append(prevHash).append('\n');
      canonical(buffer, node, seq, record);
      return digest();
    }

    /**
     * Chains {@code records} after {@code tail} of {@code node}'s chain (format 2), numbering them
     * from {@code tail.seq() + 1}; each comes with its details JSON, encoded once for the hash, the
     * row and the JSON-lines copy.
     */
    List<Linked> link(String node, Tail tail, List<AuditRecord> records) {
      List<Linked> linked = new ArrayList<>(records.size());
      long seq = tail.seq();
      String prev = tail.hash();
      for (AuditRecord r : records) {
        seq++;
        buffer.setLength(0);
        buffer.append(prev).append('\n');
        int[] detailsAt = canonical(buffer, node, seq, r);
        String details = buffer.substring(detailsAt[0], detailsAt[1]);
        String h = digest();
        AuditEntry entry = new AuditEntry(node, seq, r, prev, h);
        linked.add(new Linked(entry, details, ChainLines.encode(lines, entry, details)));
        prev = h;
      }
      return linked;
    }

    private String digest() {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      return HEX.formatHex(sha256.digest(bytes));
    }
  }

  /**
   * A newly chained entry, its details JSON (as stored in the {@code details} column) and its JSON
   * line with the newline (as a chain file and the SIEM copy hold it), each encoded once.
   */
  record Linked(AuditEntry entry, String details, byte[] line) {
    Linked(AuditEntry entry, String details) {
      this(entry, details, ChainLines.encode(new StringBuilder(512), entry, details));
    }
  }

  /** The end of a chain: the last seq and its hash; seq 0 with the genesis hash when empty. */
  record Tail(long seq, String hash) {
    static final Tail EMPTY = new Tail(0, GENESIS_HASH);

    static Tail of(AuditEntry last) {
      return new Tail(last.seq(), last.hash());
    }
  }

  /** Appends the canonical JSON; returns where its details object starts and ends in {@code b}. */
  private static int[] canonical(StringBuilder b, String node, long seq, AuditRecord record) {
    b.append("{\"caller\":");
    string(b, record.caller());
    b.append(",\"details\":");
    int detailsStart = b.length();
    details(b, record.details());
    int detailsEnd = b.length();
    b.append(",\"key\":");
    string(b, record.key());
    if (node != null) {
      b.append(",\"node\":");
      string(b, node);
    }
    b.append(",\"operation\":");
    string(b, record.operation());
    b.append(",\"requestId\":");
    string(b, record.requestId());
    b.append(",\"result\":");
    string(b, record.result());
    b.append(",\"seq\":").append(seq);
    b.append(",\"time\":").append(record.time().toEpochMilli());
    b.append(",\"vault\":");
    string(b, record.vault());
    b.append(",\"version\":");
    string(b, record.version());
    b.append('}');
    return new int[] {detailsStart, detailsEnd};
  }

  /** {@code details} is already sorted: {@link AuditRecord} keeps it in a sorted map. */
  private static void details(StringBuilder b, Map<String, String> details) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : details.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      string(b, e.getKey());
      b.append(':');
      string(b, e.getValue());
    }
    b.append('}');
  }

  /**
   * A JSON string as the canonical form writes it (also used for the JSON-lines copy). The run of
   * characters that need no escape is appended in one copy: per character, the builder's append was
   * the writer thread's largest single cost.
   */
  static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    int plain = 0;
    int n = s.length();
    while (plain < n && !needsEscape(s.charAt(plain))) {
      plain++;
    }
    b.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\';
  }
}
