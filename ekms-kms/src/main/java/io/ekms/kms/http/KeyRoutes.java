package io.ekms.kms.http;

import static io.ekms.kms.http.Params.id;
import static io.ekms.kms.http.Params.ifMatch;

import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Page;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.ETags;
import io.ekms.kms.service.KeyService;
import io.ekms.kms.service.KeyVersionService;
import io.ekms.kms.service.Validate;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.Map;

/**
 * A vault's management endpoint, {@code /kms/{vaultId}/management/20180608/keys...}
 * (KmsManagementClient): keys and key versions.
 */
final class KeyRoutes {
  static final String BASE = "/kms/{vaultId}/management/20180608/keys";
  private static final String K = BASE + "/{keyId}";
  private static final String KV = K + "/keyVersions";

  /**
   * How CreateKeyVersion's version came about: {@code ekm}, {@code recorded} or {@code pending}.
   */
  static final String ROTATION_HEADER = "opc-ekms-rotation";

  /** The EKM's id of a rotation waiting for approval (with {@code opc-ekms-rotation: pending}). */
  static final String PENDING_HEADER = "opc-ekms-pending-request-id";

  private final KeyService keys;
  private final KeyVersionService versions;
  private final Exchange<Caller> x;
  private final Idempotent idempotent;

  KeyRoutes(
      KeyService keys, KeyVersionService versions, Exchange<Caller> x, Idempotent idempotent) {
    this.keys = keys;
    this.versions = versions;
    this.x = x;
    this.idempotent = idempotent;
  }

  void routing(HttpRouting.Builder r) {
    r.post(BASE, once("CreateKey", this::create));
    r.get(BASE, x.route("ListKeys", this::list));
    r.get(K, x.route("GetKey", this::get));
    r.put(K, x.route("UpdateKey", this::rename));
    r.post(K + "/actions/enable", once("EnableKey", this::enable));
    r.post(K + "/actions/disable", once("DisableKey", this::disable));
    r.post(K + "/actions/scheduleDeletion", once("ScheduleKeyDeletion", this::scheduleDeletion));
    r.post(K + "/actions/cancelDeletion", once("CancelKeyDeletion", this::cancelDeletion));
    r.post(KV, once("CreateKeyVersion", this::createVersion));
    r.get(KV, x.route("ListKeyVersions", this::listVersions));
    r.get(KV + "/{versionId}", x.route("GetKeyVersion", this::getVersion));
    r.post(
        KV + "/{versionId}/actions/scheduleDeletion",
        once("ScheduleKeyVersionDeletion", this::scheduleVersionDeletion));
    r.post(
        KV + "/{versionId}/actions/cancelDeletion",
        once("CancelKeyVersionDeletion", this::cancelVersionDeletion));
  }

  private io.helidon.webserver.http.Handler once(String operation, Exchange.Route<Caller> route) {
    return x.route(operation, idempotent.route(operation, route));
  }

  private static String vault(Request r) {
    return id(r, "vaultId", "vault");
  }

  private static String key(Request r) {
    return id(r, "keyId", "key");
  }

  private static String version(Request r) {
    return id(r, "versionId", "keyversion");
  }

  private Reply create(Request r, Caller c) {
    var b = r.json(Requests.CreateKeyDetails.class);
    var shape = Validate.required("keyShape", b.keyShape());
    var ref = Validate.required("externalKeyReference", b.externalKeyReference());
    return key(
        keys.create(
            c,
            vault(r),
            new KeyService.Create(
                b.compartmentId(),
                b.displayName(),
                shape.algorithm(),
                shape.length(),
                b.protectionMode(),
                ref.externalKeyId())));
  }

  private Reply list(Request r, Caller c) {
    Page page = Params.page(r);
    List<Key> list = keys.list(c, vault(r), Params.compartment(r), page);
    return Paging.reply(list, page, Key::timeCreated, Key::id, k -> Views.KeyView.of(k, null));
  }

  private Reply get(Request r, Caller c) {
    return key(keys.get(c, vault(r), key(r)));
  }

  private Reply rename(Request r, Caller c) {
    String name = r.json(Requests.UpdateDisplayName.class).displayName();
    return key(keys.rename(c, vault(r), key(r), name, ifMatch(r)));
  }

  private Reply enable(Request r, Caller c) {
    return key(keys.enable(c, vault(r), key(r), ifMatch(r)));
  }

  private Reply disable(Request r, Caller c) {
    return key(keys.disable(c, vault(r), key(r), ifMatch(r)));
  }

  private Reply scheduleDeletion(Request r, Caller c) {
    return key(keys.scheduleDeletion(c, vault(r), key(r), Params.deletionTime(r), ifMatch(r)));
  }

  private Reply cancelDeletion(Request r, Caller c) {
    return key(keys.cancelDeletion(c, vault(r), key(r), ifMatch(r)));
  }

  private Reply createVersion(Request r, Caller c) {
    String external =
        r.body().length == 0
            ? null
            : r.json(Requests.ExternalKeyVersionReference.class).externalKeyVersionId();
    KeyVersionService.Created created = versions.createVersion(c, vault(r), key(r), external);
    String how = created.rotation().header();
    if (created.version() == null) {
      return new Reply(
          202,
          new Views.RotationPending(key(r), "PENDING_APPROVAL", created.pendingRequestId()),
          Map.of(ROTATION_HEADER, how, PENDING_HEADER, created.pendingRequestId()));
    }
    KeyVersion v = created.version();
    return new Reply(
        200,
        Views.KeyVersionView.of(v, keys.externalKeyId(v.keyId())),
        Map.of("etag", ETags.of(v.id(), v.timeUpdated()), ROTATION_HEADER, how));
  }

  private Reply listVersions(Request r, Caller c) {
    Page page = Params.page(r);
    Key key = keys.get(c, vault(r), key(r));
    List<KeyVersion> list = versions.list(c, vault(r), key(r), page);
    return Paging.reply(
        list,
        page,
        KeyVersion::timeCreated,
        KeyVersion::id,
        v -> Views.KeyVersionView.of(v, key.externalKeyId()));
  }

  private Reply getVersion(Request r, Caller c) {
    return version(versions.get(c, vault(r), key(r), version(r)));
  }

  private Reply scheduleVersionDeletion(Request r, Caller c) {
    return version(
        versions.scheduleDeletion(
            c, vault(r), key(r), version(r), Params.deletionTime(r), ifMatch(r)));
  }

  private Reply cancelVersionDeletion(Request r, Caller c) {
    return version(versions.cancelDeletion(c, vault(r), key(r), version(r), ifMatch(r)));
  }

  private Reply key(Key k) {
    KeyService.Detailed d = keys.detail(k);
    return new Reply(
        200,
        Views.KeyView.of(k, d.currentExternalVersionId()),
        Map.of("etag", ETags.of(k.id(), k.timeUpdated())));
  }

  private Reply version(KeyVersion v) {
    return new Reply(
        200,
        Views.KeyVersionView.of(v, keys.externalKeyId(v.keyId())),
        Map.of("etag", ETags.of(v.id(), v.timeUpdated())));
  }
}
