package io.ekms.common.tls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code -----BEGIN label-----} block of a PEM text, its Base64 body decoded. */
record PemBlock(String label, byte[] der, boolean hasHeaders) {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,64})-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

  static List<PemBlock> all(String pem) throws IOException {
    List<PemBlock> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String body = m.group(2);
      boolean headers = body.contains(":");
      byte[] der;
      try {
        der = headers ? new byte[0] : Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IOException("PEM block " + m.group(1) + " is not valid Base64");
      }
      out.add(new PemBlock(m.group(1), der, headers));
    }
    return out;
  }
}
