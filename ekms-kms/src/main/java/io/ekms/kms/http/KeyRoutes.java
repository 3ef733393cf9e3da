package io.ekms.kms.http;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.http.KmsExchange.Call;
import io.ekms.kms.http.KmsExchange.Reply;
import io.ekms.kms.service.ETags;
import io.ekms.kms.service.KeyService;
import io.ekms.kms.service.KeyVersionService;
import io.ekms.kms.service.Validate;
import io.ekms.kms.store.Page;
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
  private final KeyService keys;
  private final KeyVersionService versions;
  private final KmsExchange x;

  KeyRoutes(KeyService keys, KeyVersionService versions, KmsExchange x) {
    this.keys = keys;
    this.versions = versions;
    this.x = x;
  }

  void routing(HttpRouting.Builder r) {
    r.post(BASE, x.route("CreateKey", true, this::create));
    r.get(
        BASE,
        x.route(
            "ListKeys",
            false,
            c -> {
              Page page = Paging.page(c);
              List<Key> list =
                  keys.list(
                      c.caller(),
                      c.id("vaultId", "vault"),
                      c.query("compartmentId").orElse(null),
                      page);
              return Paging.reply(
                  list, page, Key::timeCreated, Key::id, k -> Views.KeyView.of(k, null));
            }));
    r.get(
        K,
        x.route(
            "GetKey",
            false,
            c -> key(keys.get(c.caller(), c.id("vaultId", "vault"), c.id("keyId", "key")))));
    r.put(
        K,
        x.route(
            "UpdateKey",
            false,
            c ->
                key(
                    keys.rename(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.json(Requests.UpdateDisplayName.class).displayName(),
                        c.header("if-match")))));
    r.post(
        K + "/actions/enable",
        x.route(
            "EnableKey",
            true,
            c ->
                key(
                    keys.enable(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.header("if-match")))));
    r.post(
        K + "/actions/disable",
        x.route(
            "DisableKey",
            true,
            c ->
                key(
                    keys.disable(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.header("if-match")))));
    r.post(
        K + "/actions/scheduleDeletion",
        x.route(
            "ScheduleKeyDeletion",
            true,
            c ->
                key(
                    keys.scheduleDeletion(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        Paging.deletionTime(c),
                        c.header("if-match")))));
    r.post(
        K + "/actions/cancelDeletion",
        x.route(
            "CancelKeyDeletion",
            true,
            c ->
                key(
                    keys.cancelDeletion(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.header("if-match")))));
    versionRoutes(r);
  }

  private void versionRoutes(HttpRouting.Builder r) {
    r.post(
        KV,
        x.route(
            "CreateKeyVersion",
            true,
            c -> {
              String external =
                  c.body().length == 0
                      ? null
                      : c.json(Requests.ExternalKeyVersionReference.class).externalKeyVersionId();
              return version(
                  c,
                  versions.create(
                      c.caller(), c.id("vaultId", "vault"), c.id("keyId", "key"), external));
            }));
    r.get(
        KV,
        x.route(
            "ListKeyVersions",
            false,
            c -> {
              Page page = Paging.page(c);
              Key key = keys.get(c.caller(), c.id("vaultId", "vault"), c.id("keyId", "key"));
              List<KeyVersion> list =
                  versions.list(c.caller(), c.id("vaultId", "vault"), c.id("keyId", "key"), page);
              return Paging.reply(
                  list,
                  page,
                  KeyVersion::timeCreated,
                  KeyVersion::id,
                  v -> Views.KeyVersionView.of(v, key.externalKeyId()));
            }));
    r.get(
        KV + "/{versionId}",
        x.route(
            "GetKeyVersion",
            false,
            c ->
                version(
                    c,
                    versions.get(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.id("versionId", "keyversion")))));
    r.post(
        KV + "/{versionId}/actions/scheduleDeletion",
        x.route(
            "ScheduleKeyVersionDeletion",
            true,
            c ->
                version(
                    c,
                    versions.scheduleDeletion(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.id("versionId", "keyversion"),
                        Paging.deletionTime(c),
                        c.header("if-match")))));
    r.post(
        KV + "/{versionId}/actions/cancelDeletion",
        x.route(
            "CancelKeyVersionDeletion",
            true,
            c ->
                version(
                    c,
                    versions.cancelDeletion(
                        c.caller(),
                        c.id("vaultId", "vault"),
                        c.id("keyId", "key"),
                        c.id("versionId", "keyversion"),
                        c.header("if-match")))));
  }

  private Reply create(Call c) {
    var b = c.json(Requests.CreateKeyDetails.class);
    var shape = Validate.required("keyShape", b.keyShape());
    var ref = Validate.required("externalKeyReference", b.externalKeyReference());
    return key(
        keys.create(
            c.caller(),
            c.id("vaultId", "vault"),
            new KeyService.Create(
                b.compartmentId(),
                b.displayName(),
                shape.algorithm(),
                shape.length(),
                b.protectionMode(),
                ref.externalKeyId())));
  }

  private Reply key(Key k) {
    KeyService.Detailed d = keys.detail(k);
    return new Reply(
        200,
        Views.KeyView.of(k, d.currentExternalVersionId()),
        Map.of("etag", ETags.of(k.id(), k.timeUpdated())));
  }

  private Reply version(Call c, KeyVersion v) {
    return new Reply(
        200,
        Views.KeyVersionView.of(v, keys.externalKeyId(v.keyId())),
        Map.of("etag", ETags.of(v.id(), v.timeUpdated())));
  }
}
