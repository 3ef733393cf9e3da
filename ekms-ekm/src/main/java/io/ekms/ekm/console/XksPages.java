package io.ekms.ekm.console;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.http.RequestId;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.service.EkmError;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * AWS XKS key stores: the list with their credentials (access key ids only) and exposed keys, a new
 * store, a new credential (made here; its secret is shown once, on the answer to that POST, and
 * never again), removing a credential, and deleting a store (its name typed to confirm; the EKM
 * keys it exposed stay).
 */
final class XksPages extends PageGroup {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  XksPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/xks",
        gate.page(
            (req, res, s) ->
                ConsoleHttp.render(
                    res,
                    200,
                    "xks.jte",
                    view(s, RequestId.generate(), null).withNotice(Notices.of(req)))));
    r.post(
        "/console/xks",
        gate.action(
            "XksCreateKeyStore",
            (form, s, requestId, req, res) -> {
              services
                  .xks()
                  .createStore(
                      s.context(requestId),
                      Forms.text(form, "name"),
                      Forms.text(form, "uriPrefix"),
                      rate(Forms.text(form, "ratePerSecond")));
              ConsoleHttp.redirect(res, Notices.link("/console/xks", "store-created", requestId));
            }));
    r.post(
        "/console/xks/{storeId}/credentials",
        gate.action(
            "XksAddCredential",
            (form, s, requestId, req, res) -> {
              String storeId = req.path().pathParameters().get("storeId");
              String accessKeyId = "EKMS" + base32(Randoms.bytes(20), 20);
              String secret = Base64.getEncoder().encodeToString(Randoms.bytes(32));
              try (SecretBytes bytes =
                  SecretBytes.copyOf(secret.getBytes(StandardCharsets.US_ASCII))) {
                services.xks().addCredential(s.context(requestId), storeId, accessKeyId, bytes);
              }
              XksKeyStore store = find(s, requestId, storeId);
              ConsoleHttp.render(
                  res,
                  201,
                  "xks.jte",
                  view(s, requestId, new Views.NewSecret(store.name(), accessKeyId, secret)));
            }));
    r.post(
        "/console/xks/{storeId}/credentials/remove",
        gate.action(
            "XksRemoveCredential",
            (form, s, requestId, req, res) -> {
              services
                  .xks()
                  .removeCredential(
                      s.context(requestId),
                      req.path().pathParameters().get("storeId"),
                      Forms.text(form, "accessKeyId"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/xks", "credential-removed", requestId));
            }));
    deleteRoute(r);
  }

  private void deleteRoute(HttpRouting.Builder r) {
    r.post(
        "/console/xks/{storeId}/delete",
        gate.action(
            "XksDeleteKeyStore",
            (form, s, requestId, req, res) -> {
              String storeId = req.path().pathParameters().get("storeId");
              XksKeyStore store = find(s, requestId, storeId);
              if (!store.name().equals(form.first("confirmName").orElse(""))) {
                throw EkmError.INVALID_REQUEST.error(
                    "Type the key store's name exactly to confirm; nothing was changed.");
              }
              services.xks().deleteStore(s.context(requestId), storeId);
              ConsoleHttp.redirect(res, Notices.link("/console/xks", "store-deleted", requestId));
            }));
  }

  private XksKeyStore find(ConsoleSession s, String requestId, String storeId) {
    return services.xks().list(s.context(requestId)).stream()
        .filter(x -> x.id().equals(storeId))
        .findFirst()
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key store does not exist."));
  }

  private Views.XksView view(ConsoleSession s, String requestId, Views.NewSecret secret) {
    return new Views.XksView(
        Chrome.of("XKS key stores", "xks", s),
        services.xks().list(s.context(requestId)).stream()
            .sorted(Comparator.comparing(XksKeyStore::name))
            .toList(),
        secret);
  }

  private static Integer rate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw EkmError.INVALID_REQUEST.error("The rate must be a whole number of requests a second.");
    }
  }

  private static String base32(byte[] random, int chars) {
    StringBuilder out = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      out.append(BASE32[(random[i % random.length] & 0xff) % 32]);
    }
    return out.toString();
  }
}
