package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shares as text: any M of N rebuild the key; typos, mixes and too few are refused. */
class KeySharesTest {
  private static String refusal(List<String> shares) {
    try {
      KeyShares.combine(shares).close();
    } catch (BackupRefusedException e) {
      assertThat(e.notAuthentic()).isTrue();
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void combine_anyThreeOfFive_rebuildsTheKey() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> shares = KeyShares.split(key, 5, 3);
      for (int a = 0; a < 5; a++) {
        for (int b = a + 1; b < 5; b++) {
          for (int c = b + 1; c < 5; c++) {
            try (BackupKey rebuilt =
                KeyShares.combine(List.of(shares.get(c), shares.get(a), shares.get(b)))) {
              assertThat(rebuilt.id()).isEqualTo(key.id());
              byte[] got = rebuilt.reveal(byte[]::clone);
              byte[] want = key.reveal(byte[]::clone);
              assertThat(got).isEqualTo(want);
            }
          }
        }
      }
    }
  }

  @Test
  void split_eachShare_isOneLineNamingKeyThresholdAndIndex() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> shares = KeyShares.split(key, 3, 2);
      assertThat(shares.get(1))
          .matches("ekms-share-1:" + key.id() + ":2:2:[0-9a-f]{64}:[0-9a-f]{8}");
      assertThat(shares).doesNotHaveDuplicates();
    }
  }

  @Test
  void combine_tooFewShares_refusedSayingHowMany() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> shares = KeyShares.split(key, 5, 3);
      assertThat(refusal(shares.subList(0, 2)))
          .isEqualTo("3 shares of backup key " + key.id() + " are needed; 2 were given.");
    }
  }

  @Test
  void combine_mistypedShare_refusedByItsChecksum() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> shares = new ArrayList<>(KeyShares.split(key, 3, 2));
      String s = shares.get(1);
      int at = s.length() - 20;
      char typo = s.charAt(at) == '0' ? '1' : '0';
      shares.set(1, s.substring(0, at) + typo + s.substring(at + 1));
      assertThat(refusal(shares)).startsWith("share 2 has a wrong checksum");
    }
  }

  @Test
  void combine_sharesOfTwoKeys_refused() {
    try (BackupKey one = BackupKey.generate();
        BackupKey two = BackupKey.generate()) {
      List<String> mixed =
          List.of(KeyShares.split(one, 3, 2).get(0), KeyShares.split(two, 3, 2).get(1));
      assertThat(refusal(mixed)).startsWith("the shares belong to different backup keys");
    }
  }

  @Test
  void combine_sharesOfTwoSplitsOfOneKey_refusedAsNotRebuildingIt() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> mixed =
          List.of(KeyShares.split(key, 3, 2).get(0), KeyShares.split(key, 3, 2).get(1));
      assertThat(refusal(mixed)).startsWith("the shares do not rebuild backup key " + key.id());
    }
  }

  @Test
  void combine_sameShareTwice_refused() {
    try (BackupKey key = BackupKey.generate()) {
      String share = KeyShares.split(key, 3, 2).get(0);
      assertThat(refusal(List.of(share, share))).isEqualTo("share 1 was given twice.");
    }
  }

  @Test
  void combine_notAShare_refusedWithoutEchoingIt() {
    assertThat(refusal(List.of("hunter2-secret-text")))
        .isEqualTo("share 1 is not an ekms backup key share (ekms-share-1:...).")
        .doesNotContain("hunter2");
  }

  @Test
  void combine_upperCaseAndBlankLines_accepted() {
    try (BackupKey key = BackupKey.generate()) {
      List<String> shares = KeyShares.split(key, 3, 2);
      try (BackupKey rebuilt =
          KeyShares.combine(List.of("", " " + shares.get(0).toUpperCase() + " ", shares.get(2)))) {
        assertThat(rebuilt.id()).isEqualTo(key.id());
      }
    }
  }

  @Test
  void toString_backupKey_showsOnlyItsId() {
    try (BackupKey key = BackupKey.generate()) {
      assertThat(key.toString()).isEqualTo("BackupKey[" + key.id() + "]");
    }
  }
}
