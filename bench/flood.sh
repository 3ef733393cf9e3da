#!/usr/bin/env bash
# The EKM under a flood of unauthenticated garbage, measured from outside the process with wrk:
# one authenticated caller decrypts, first alone, then while about 1,000 garbage requests a second
# arrive; prints its p50 and p99 both times and the p99 ratio. Runs against a serving
# `./ekms quickstart` (its data directory is the argument, default ekms-data). Needs curl, jq, wrk.
set -euo pipefail
dir="${1:-ekms-data}"
seconds="${SECONDS_PER_RUN:-20}"
q="$dir/quickstart.json"
ca=$(jq -r .caCertificate "$q")
ekm=$(jq -r .ekm.endpoint "$q")
ekm_admin=$(jq -r .ekm.adminEndpoint "$q")
identity=$(jq -r .identity.endpoint "$q")
identity_admin="https://127.0.0.1:$(( ${identity##*:} + 1 ))"
call() { curl -sf --cacert "$ca" "$@"; }

# A client, vault and key of the flood's own, so the story's resources stay untouched.
client=$(call -H "Authorization: Bearer $(cat "$dir/identity/admin.token")" \
  -H 'Content-Type: application/json' \
  -d "{\"name\":\"flood-$RANDOM\",\"audiences\":[\"$ekm/\"],\"scopes\":[\"oci_ekms\"]}" \
  "$identity_admin/admin/v1/identity/clients")
ekm_token=$(cat "$dir/ekm/admin.token")
issuer=$(call -H "Authorization: Bearer $ekm_token" "$ekm_admin/admin/v1/issuers" | jq -r '.items[0].id')
vault=$(call -H "Authorization: Bearer $ekm_token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"flood-$RANDOM\",\"issuerId\":\"$issuer\",\"clientId\":\"$(jq -r .id <<<"$client")\"}" \
  "$ekm_admin/admin/v1/vaults" | jq -r .id)
key=$(call -H "Authorization: Bearer $ekm_token" -H 'Content-Type: application/json' \
  -d '{"name":"flood"}' "$ekm_admin/admin/v1/vaults/$vault/keys" | jq -r .id)
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
cat >"$work/garbage.lua" <<LUA
wrk.method = "POST"
wrk.path = "$base/decrypt"
wrk.body = '{"junk":1}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer garbage.garbage.garbage"
function delay() return 2 end
LUA

decrypts() { wrk -t1 -c1 -d"${seconds}s" -s "$work/decrypt.lua" --latency "$ekm"; }
ms() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }

decrypts >/dev/null # warm-up
quiet=$(decrypts)
wrk -t1 -c3 -d"$((seconds + 4))s" -s "$work/garbage.lua" "$ekm" >"$work/garbage.out" &
sleep 2
flooded=$(decrypts)
wait
printf 'garbage: %s requests/s\n' "$(awk '/Requests\/sec/ {print $2}' "$work/garbage.out")"
for run in quiet flooded; do
  out="${!run}"
  printf '%-8s decrypt p50 %6.2f ms  p99 %6.2f ms  (%s requests/s)\n' "$run" \
    "$(ms 50% <<<"$out")" "$(ms 99% <<<"$out")" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
done
awk -v a="$(ms 99% <<<"$quiet")" -v b="$(ms 99% <<<"$flooded")" 'BEGIN {printf "p99 ratio %.2f\n", b/a}'
