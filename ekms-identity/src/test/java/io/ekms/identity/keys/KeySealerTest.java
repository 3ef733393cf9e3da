package io.ekms.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.identity.keys.KeySealer.SealedKeyException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeySealerTest {
  /** Frozen vector: master key 0x01..0x20, IV 0xA0..0xAB, an RSA 1024 key (PKCS#8 below). */
  private static final String VECTOR_KID = "sig-00000000000000000000000000000001";

  private static final String VECTOR_PKCS8 =
      "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAK3XTqB9cxlu15+kPilmZwcc"
          + "iGRchHes1o+PEeYcEdIr7vfQTtfmZ8yBYd2BAVBum+Zg9Rn+JcbGoLwbeyyk8QJN86PKxJyc"
          + "Sx6rSAmiSS6WWG02hW2MzNcAsBgPG/XykcbtQXmOKqBXeW57tX3E95PCzM7+tgKrLXdQUUM4"
          + "x8sxAgMBAAECgYATxYPoDXSQjTKBcebvAvpPTP+3OG2JhfMeP0WoIAOn3X7PmRXKiOY/1GxK"
          + "ytAZM4dQL7FYvDbUMYWY92AuPvE5IvfH19XAAUr+vCOoOa5nTOKthycx5p0+hxnErmFP4ikL"
          + "wzBqi83jPLUk1x/6pr4viIOd5kEWElQqnqwGAO8kRQJBALKEitlkrLz5gt7eX4uQzLT1/0N8"
          + "rCL869d6FkdGiUyE57p27PX1gia4K1a0ljV6xM5bkmP+dulbdszF+PFoetUCQQD5SyCdcwEI"
          + "61hSp4ZOgm1BgjgIhs8Sc0sim0XAyw09Iw2KASiQvV0XHJ5huSyALwzWgWHFLTfjpGBTO5YU"
          + "d8TtAkBI7ikjgyOm2HCEyGhURkW7MDymv4o7iQR4tWHgoIp6/lkFLozENxaC5v6dn402L/+z"
          + "Jmn5+/1sfHdeVQrM5Rg5AkEAwxmSyuZoVuyo0Pce226jxvL8m1+1y4DDuq++ZWYEVGaMgAbs"
          + "EmrA4geZxG1BcIhiCbZ0J/Z9mQDaCgnGKPqa+QJBAJQcL/9HVxdN4XttuvAl8TczXRgB8H/+"
          + "QQsC+/HOGJ7IvKh2vB7TMqurfVs08d8rwvYJdMhOSOm1NO+/u1x91RI=";

  private static final String VECTOR_SEALED =
      "AaChoqOkpaanqKmqq4lTPxH/tFo0cgirQXfNpnNa1rEYXWhkBiU65X9QE9o0MdMYSe9/Z3qN"
          + "C7OAyOHRgyefFqPLh3axFGD0XBS5iHlKXrI2hcW7IZRHoJPOW5oCTJ5GJeMQMoPQDOP8IWfp"
          + "un/ypqxDrKsKbk3S6jh4V47ocBBZR4ix50GMxHo9R4LN9ZazDaADBrI4+93nRVuB3VAOSYVD"
          + "AJ+qnrjGpREBCwRg6V0QapsgGkXpP5zkb0nHiJZzBZ4xXxLdbknaObxS4Dl3di4Tz9iKjNYl"
          + "QQaduokmp6zoOSOnPxfEikTp1LXcuy50MiReA8PcVHQYmOs++hLcUtAsTRM4I5UPZ+zQtxh+"
          + "/9zus3ne1PagcqExLCJ0WhAw38PAflVKwknCZQ7YvOsv+DT4Hrsf1amFdrQbcPl/iAs+jpcK"
          + "bdKAlGAY8/Wz1OozdQyf4PBuzkT5fHFjqtFIwSuUqrwKAett7kE+sALeBr/jVDgBH1A5BkS4"
          + "SiqhMd4rFPshM/0Bu71lSGT9nkB2P306iojehEjZUOIArVNHxl+UIdbnB4m2tUJpRwE+GeTr"
          + "j4iSovmruzcJfNs99UaNQm9LaPFg22+LtLR8iuodVewvr2ARZQnhrqZNODVK+JMnL8Vw7PB5"
          + "kIlU0ATJaXhUHpG81XfcXP97vkZwSaOEDRgHIRILQgKhBhZswvtg22h7lNxYB51rtVuasilO"
          + "8duzm7MYqZVLTJBu6G0do1u+CGtuUf7IueCtQgivq1uQ1B9xjmiLmoYRPp/QCCtjWvbzOoE7"
          + "veWI0TD9Iw5Zuz/63OWg5biTqQLbK4yOXsvJXfMIEmfoW+SVJitakVtLh3T6uuhNhpyMrBZa"
          + "vfp3ye8mqLKM+qwLZ0Jzaw==";

  private static RSAPrivateKey key;

  @BeforeAll
  static void generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
  }

  private static KeySealer sealer(int firstByte) {
    byte[] master = new byte[32];
    for (int i = 0; i < master.length; i++) {
      master[i] = (byte) (firstByte + i);
    }
    return new KeySealer(SecretBytes.adopt(master));
  }

  @Test
  void open_frozenVector_yieldsTheKnownKey() {
    try (KeySealer sealer = sealer(1)) {
      RSAPrivateKey opened = sealer.open(VECTOR_KID, VECTOR_SEALED);

      assertThat(Base64.getEncoder().encodeToString(opened.getEncoded())).isEqualTo(VECTOR_PKCS8);
    }
  }

  @Test
  void seal_thenOpen_roundTripsWithTheDocumentedLayout() {
    try (KeySealer sealer = sealer(1)) {
      String sealed = sealer.seal("sig-a", key);

      byte[] raw = Base64.getDecoder().decode(sealed);
      assertThat(raw[0]).isEqualTo((byte) 0x01);
      assertThat(raw).hasSize(1 + AesGcm.IV_BYTES + key.getEncoded().length + AesGcm.TAG_BYTES);
      assertThat(sealer.open("sig-a", sealed).getEncoded()).isEqualTo(key.getEncoded());
      assertThat(sealer.seal("sig-a", key)).isNotEqualTo(sealed);
    }
  }

  @Test
  void open_anyFlippedByte_refused() {
    try (KeySealer sealer = sealer(1)) {
      byte[] raw = Base64.getDecoder().decode(sealer.seal("sig-a", key));
      for (int i : List.of(0, 1, 12, 13, raw.length / 2, raw.length - 17, raw.length - 1)) {
        byte[] tampered = raw.clone();
        tampered[i] ^= 0x01;
        String text = Base64.getEncoder().encodeToString(tampered);

        assertThatThrownBy(() -> sealer.open("sig-a", text))
            .as("byte " + i)
            .isInstanceOf(SealedKeyException.class);
      }
    }
  }

  @Test
  void open_otherKidOrOtherMasterKey_refused() {
    String sealed;
    try (KeySealer sealer = sealer(1)) {
      sealed = sealer.seal("sig-a", key);
      assertThatThrownBy(() -> sealer.open("sig-b", sealed)).isInstanceOf(SealedKeyException.class);
    }
    try (KeySealer other = sealer(2)) {
      assertThatThrownBy(() -> other.open("sig-a", sealed))
          .isInstanceOf(SealedKeyException.class)
          .hasMessageContaining("sig-a");
    }
  }

  @Test
  void open_malformed_refusedBeforeDecrypting() {
    try (KeySealer sealer = sealer(1)) {
      String tooLong = Base64.getEncoder().encodeToString(new byte[5000]);
      for (String bad : List.of("", "not base64!", "AQ==", tooLong)) {
        assertThatThrownBy(() -> sealer.open("sig-a", bad)).isInstanceOf(SealedKeyException.class);
      }
    }
  }

  @Test
  void new_wrongMasterKeyLength_refused() {
    assertThatThrownBy(() -> new KeySealer(SecretBytes.adopt(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_redacted() {
    try (KeySealer sealer = sealer(1)) {
      assertThat(sealer.toString()).isEqualTo("KeySealer[REDACTED]");
    }
  }
}
