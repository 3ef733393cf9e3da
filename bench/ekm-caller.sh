# Sourced by the scripts beside it: makes an EKM caller of its own on a serving `./ekms quickstart`
# (data directory "$dir", default ekms-data): an OAuth client, a vault, a key, a token and one
# ciphertext, and writes "$work/decrypt.lua", a wrk script that decrypts it. Sets ekm (the EKM's
# URL), base (the key's API path) and work (a temporary directory, removed on exit). Needs curl,
# jq, wrk.
dir="${1:-ekms-data}"
q="$dir/quickstart.json"
ca=$(jq -r .caCertificate "$q")
ekm=$(jq -r .ekm.endpoint "$q")
ekm_admin=$(jq -r .ekm.adminEndpoint "$q")
identity=$(jq -r .identity.endpoint "$q")
identity_admin="https://127.0.0.1:$(( ${identity##*:} + 1 ))"
call() { curl -sf --cacert "$ca" "$@"; }

# A client, vault and key of its own, so the story's resources stay untouched.
client=$(call -H "Authorization: Bearer $(cat "$dir/identity/admin.token")" \
  -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-$RANDOM\",\"audiences\":[\"$ekm/\"],\"scopes\":[\"oci_ekms\"]}" \
  "$identity_admin/admin/v1/identity/clients")
ekm_token=$(cat "$dir/ekm/admin.token")
issuer=$(call -H "Authorization: Bearer $ekm_token" "$ekm_admin/admin/v1/issuers" | jq -r '.items[0].id')
vault=$(call -H "Authorization: Bearer $ekm_token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-$RANDOM\",\"issuerId\":\"$issuer\",\"clientId\":\"$(jq -r .id <<<"$client")\"}" \
  "$ekm_admin/admin/v1/vaults" | jq -r .id)
key=$(call -H "Authorization: Bearer $ekm_token" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' "$ekm_admin/admin/v1/vaults/$vault/keys" | jq -r .id)
token=$(call -u "$(jq -r .id <<<"$client"):$(jq -r .clientSecret <<<"$client")" \
  --data-urlencode grant_type=client_credentials --data-urlencode "scope=$ekm/oci_ekms" \
  "$identity/oauth2/v1/token" | jq -r .access_token)
base="/oci/ekm/v1/vaults/$vault/keys/$key"
enc=$(call -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"plaintext":"aGVsbG8="}' "$ekm$base/encrypt")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/decrypt.lua" <<LUA
wrk.method = "POST"
wrk.path = "$base/decrypt"
wrk.body = '{"ciphertext":"$(jq -r .ciphertext <<<"$enc")","iv":"$(jq -r .iv <<<"$enc")","tag":"$(jq -r .tag <<<"$enc")","keyVersionId":"$(jq -r .keyVersionId <<<"$enc")","mode":"AES_GCM"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
