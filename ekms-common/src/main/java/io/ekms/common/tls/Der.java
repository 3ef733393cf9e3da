package io.ekms.common.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER that reading PEM private keys needs: split a SEQUENCE into its elements and build
 * the PKCS#8 wrapper. Every length is checked against the bytes that remain; nothing is trusted.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  /** One element: its tag and its whole encoding (tag, length and content). */
  record Element(int tag, byte[] encoded, int contentOffset) {
    byte[] content() {
      return Arrays.copyOfRange(encoded, contentOffset, encoded.length);
    }
  }

  private Der() {}

  /** The elements inside the SEQUENCE that {@code der} holds entirely. */
  static List<Element> sequence(byte[] der) {
    Element outer = element(der, 0);
    if (outer.tag() != SEQUENCE || outer.encoded().length != der.length) {
      throw new IllegalArgumentException("not one DER SEQUENCE");
    }
    List<Element> out = new ArrayList<>();
    int at = outer.contentOffset();
    while (at < der.length) {
      Element e = element(der, at);
      out.add(e);
      at += e.encoded().length;
    }
    return out;
  }

  private static Element element(byte[] der, int at) {
    if (der.length - at < 2) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = der[at] & 0xff;
    int first = der[at + 1] & 0xff;
    int header = 2;
    long length = first;
    if (first > 0x80) {
      int octets = first - 0x80;
      if (octets > 4 || der.length - at - 2 < octets) {
        throw new IllegalArgumentException("bad DER length");
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[at + 2 + i] & 0xff);
      }
      header += octets;
    } else if (first == 0x80) {
      throw new IllegalArgumentException("indefinite DER length");
    }
    if (length > der.length - at - header) {
      throw new IllegalArgumentException("truncated DER");
    }
    byte[] encoded = Arrays.copyOfRange(der, at, at + header + (int) length);
    return new Element(tag, encoded, header);
  }

  /** Tag, definite length and {@code parts} concatenated. */
  static byte[] encode(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int n = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else {
      int octets = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
