package io.ekms.core.audit;

import java.util.List;

/**
 * Recomputes the stored chain page by page (memory stays bounded however long the log is) and
 * reports the first break: a missing seq (removed record), a prevHash that does not link (removed,
 * inserted or reordered record) or a hash that does not match the content (altered record).
 */
final class ChainVerifier {
  static final int PAGE_SIZE = 1000;

  private final AuditRepository repository;

  ChainVerifier(AuditRepository repository) {
    this.repository = repository;
  }

  /**
   * Verifies records 1 to {@code committedSeq} (the last seq known committed when verification
   * began); the chain alone cannot show that its end was cut off, this bound can. Records appended
   * meanwhile are left to the next run, so verification ends under steady traffic.
   */
  VerifyResult verify(long committedSeq) {
    long expectedSeq = 1;
    String prevHash = AuditChain.GENESIS_HASH;
    while (expectedSeq <= committedSeq) {
      List<AuditRepository.StoredRow> page = repository.page(expectedSeq - 1, PAGE_SIZE, null);
      for (AuditRepository.StoredRow row : page) {
        if (row.seq() > committedSeq) {
          return VerifyResult.good(expectedSeq - 1);
        }
        String problem = problem(row, expectedSeq, prevHash);
        if (problem != null) {
          return VerifyResult.bad(expectedSeq - 1, expectedSeq, problem);
        }
        prevHash = row.entry().hash();
        expectedSeq++;
      }
      if (page.size() < PAGE_SIZE) {
        break;
      }
    }
    if (expectedSeq <= committedSeq) {
      return VerifyResult.bad(
          expectedSeq - 1,
          expectedSeq,
          "records " + expectedSeq + " to " + committedSeq + " are missing at the end of the log");
    }
    return VerifyResult.good(expectedSeq - 1);
  }

  private static String problem(AuditRepository.StoredRow row, long expectedSeq, String prevHash) {
    if (row.seq() != expectedSeq) {
      return "record " + expectedSeq + " is missing";
    }
    if (row.defect() != null) {
      return row.defect();
    }
    AuditEntry entry = row.entry();
    if (!entry.prevHash().equals(prevHash)) {
      return "prevHash does not link to record " + (expectedSeq - 1);
    }
    if (!AuditChain.hash(prevHash, entry.seq(), entry.record()).equals(entry.hash())) {
      return "hash does not match the stored content";
    }
    return null;
  }
}
