package io.ekms.ekm.auth;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for every URL the EKM fetches issuer metadata from: absolute {@code https}, or {@code
 * http} to a loopback host only (tokens signed by keys fetched in clear text could be forged by
 * anyone on the path). No user info, no fragment, bounded length.
 */
final class FetchUrls {
  static final int MAX_LENGTH = 2048;
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private FetchUrls() {}

  /**
   * Checks {@code url} and returns it parsed; {@link IllegalArgumentException} names {@code what}.
   */
  static URL check(String what, String url) {
    if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must be a URL of 1 to " + MAX_LENGTH + " chars");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException(what + " must be an absolute URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(what + " must not contain user info or a fragment");
    }
    boolean allowed =
        scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
    if (!allowed) {
      throw new IllegalArgumentException(
          what + " must use https (http is allowed for loopback hosts only)");
    }
    try {
      return uri.toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(what + " is not a valid URL");
    }
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.equals("[::1]")
        || h.equals("::1")
        || IPV4_LOOPBACK.matcher(h).matches();
  }
}
