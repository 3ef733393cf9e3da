package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frozen vectors: the hashes were computed independently (Python's json.dumps with sorted keys,
 * compact separators and ensure_ascii=False, then SHA-256). If one of these fails, the encoding
 * changed and every stored chain would stop verifying.
 */
class AuditChainTest {
  private static final String PREV =
      "6a67eb14c636e083dc9069ab05376634bf4b23c214c9aba07ab84c25807cf046";

  private static AuditRecord full() {
    return new AuditRecord(
        Instant.parse("2024-05-01T12:34:56.789Z"),
        "REQ-0001",
        "client-app",
        "ENCRYPT",
        "vault-1",
        "key-1",
        "v2",
        "OK",
        Map.of("zeta", "last", "alpha", "é\n\"q\"\\ \u0001/\u007f", "Beta", "€😀"));
  }

  private static AuditRecord minimal() {
    return new AuditRecord(
        Instant.parse("1969-12-31T23:59:59.999Z"),
        "r",
        "c",
        "AUDIT_GAP",
        null,
        null,
        null,
        "LOST",
        null);
  }

  @Test
  void canonical_fullRecord_matchesFrozenEncoding() {
    assertThat(AuditChain.canonical(42, full()))
        .isEqualTo(
            "{\"caller\":\"client-app\",\"details\":{\"Beta\":\"€😀\","
                + "\"alpha\":\"é\\n\\\"q\\\"\\\\ \\u0001/\u007f\",\"zeta\":\"last\"},"
                + "\"key\":\"key-1\",\"operation\":\"ENCRYPT\",\"requestId\":\"REQ-0001\","
                + "\"result\":\"OK\",\"seq\":42,\"time\":1714566896789,\"vault\":\"vault-1\","
                + "\"version\":\"v2\"}");
  }

  @Test
  void hash_fullRecord_matchesFrozenVector() {
    assertThat(AuditChain.hash(PREV, 42, full()))
        .isEqualTo("007d642f17ce4148148a539d915ba94b3791ed167435de1a565766aee3d778de");
  }

  @Test
  void canonical_absentFields_encodesNullAndEmptyObject() {
    assertThat(AuditChain.canonical(1, minimal()))
        .isEqualTo(
            "{\"caller\":\"c\",\"details\":{},\"key\":null,\"operation\":\"AUDIT_GAP\","
                + "\"requestId\":\"r\",\"result\":\"LOST\",\"seq\":1,\"time\":-1,"
                + "\"vault\":null,\"version\":null}");
  }

  @Test
  void hash_firstRecordAfterGenesis_matchesFrozenVector() {
    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, minimal()))
        .isEqualTo("4a07c3499ffbd8a9bebbd01419d61dc04e75091b96edd4ce49fdd83467fda730");
  }

  @Test
  void hash_anyFieldChanged_changesHash() {
    AuditRecord r = full();
    AuditRecord other =
        new AuditRecord(
            r.time(),
            r.requestId(),
            r.caller(),
            r.operation(),
            r.vault(),
            r.key(),
            r.version(),
            "DENIED",
            r.details());
    assertThat(AuditChain.hash(PREV, 42, other)).isNotEqualTo(AuditChain.hash(PREV, 42, r));
    assertThat(AuditChain.hash(PREV, 43, r)).isNotEqualTo(AuditChain.hash(PREV, 42, r));
  }

  @Test
  void canonical_withNode_addsTheNodeMemberInNameOrder() {
    assertThat(AuditChain.canonical("node-a", 1, minimal()))
        .isEqualTo(
            "{\"caller\":\"c\",\"details\":{},\"key\":null,\"node\":\"node-a\","
                + "\"operation\":\"AUDIT_GAP\",\"requestId\":\"r\",\"result\":\"LOST\",\"seq\":1,"
                + "\"time\":-1,\"vault\":null,\"version\":null}");
  }

  @Test
  void link_afterTail_numbersAndChainsInOrderWithTheNodeHashed() {
    List<AuditChain.Linked> linked =
        new AuditChain.Hasher()
            .link("node-a", new AuditChain.Tail(41, PREV), List.of(full(), minimal()));
    List<AuditEntry> entries = linked.stream().map(AuditChain.Linked::entry).toList();

    assertThat(entries).extracting(AuditEntry::seq).containsExactly(42L, 43L);
    assertThat(entries).extracting(AuditEntry::node).containsOnly("node-a");
    assertThat(entries.get(0).prevHash()).isEqualTo(PREV);
    // Frozen vectors, computed as the class comment says with "node":"node-a" in the object.
    assertThat(entries.get(0).hash())
        .isEqualTo("51c6e4cc40978442f4669c82b77ca6aad5240a0c1a43259ef80e194d6153c665");
    assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
    assertThat(entries.get(1).hash())
        .isEqualTo("0f25a04b9f102d6fda3adacb26de6b924a730191e66ff85065268c54bc04e65e");
    assertThat(linked.get(0).details()).isEqualTo(AuditChain.details(full().details()));
  }

  @Test
  void hash_sameRecordOtherNode_differs() {
    assertThat(AuditChain.hash(PREV, "node-a", 42, full()))
        .isNotEqualTo(AuditChain.hash(PREV, "node-b", 42, full()))
        .isNotEqualTo(AuditChain.hash(PREV, 42, full()));
  }

  @Test
  void details_storedColumn_isCanonicalObject() {
    assertThat(AuditChain.details(full().details()))
        .isEqualTo(
            "{\"Beta\":\"€😀\",\"alpha\":\"é\\n\\\"q\\\"\\\\ \\u0001/\u007f\",\"zeta\":\"last\"}");
  }
}
