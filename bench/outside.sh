#!/usr/bin/env bash
# A decrypt measured from outside the process, as a user of the quickstart stack sees it: wrk with
# 16 connections (the bench's c=16) replays one request against a serving `./ekms quickstart`
# (data directory: the first argument, default ekms-data), warms for WARMUP seconds (default 30),
# then measures for SECONDS_PER_RUN (default 20) and prints the rate, p50 and p99. The second
# argument picks the call: `ekm` (default), the EKM API decrypt with a bearer token, or `kms`, the
# KMS decrypt end to end, signed once by the SDK's RequestSigner (bench/SignedHeaders.java) and
# replayed while its date is valid, as the bench does. Compare with the same call in the bench,
# run afterwards (not beside it: both need the two cores), e.g. `./ekms bench --quick --only
# 'ekm-decrypt$|kms-decrypt$' --seconds 20` (wrk drives the bench's closed-loop points too, so the
# two differ only in the stack's configuration). The quickstart's KMS limits each principal to
# 1,000 requests a second (burst 2,000) unless started with `--kms-rate-limit 0`, as the bench's
# is; with the limit the KMS answers 429 above it, and only the 2xx rate counts. Needs curl, jq,
# wrk, and for `kms` the built jars (./ekms).
set -euo pipefail
seconds="${SECONDS_PER_RUN:-20}"
warmup="${WARMUP:-30}"
call="${2:-ekm}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "$call" = kms ]; then
  dir="${1:-ekms-data}"
  q="$dir/quickstart.json"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  . "$root/bin/jdk.sh"
  ekms_find_jdk
  target=$(jq -r .kms.endpoint "$q")
  path="/kms/$(jq -r .kms.vaultId "$q")/crypto/20180608/decrypt"
  key=$(jq -r .kms.keyId "$q")
  ciphertext=$("$root/ekms" crypto encrypt --quickstart "$q" --plaintext aGVsbG8= | jq -r .ciphertext)
  printf '{"keyId":"%s","ciphertext":"%s"}' "$key" "$ciphertext" >"$work/body.json"
  {
    echo 'wrk.method = "POST"'
    echo "wrk.path = \"$path\""
    echo "wrk.body = '$(cat "$work/body.json")'"
    "$EKMS_JAVA_HOME/bin/java" -cp "$root/ekms-cli/target/lib/*" "$root/bench/SignedHeaders.java" \
      "$(jq -r .kms.ociConfig "$q")" "$(jq -r .kms.profile "$q")" POST "$target$path" "$work/body.json"
  } >"$work/decrypt.lua"
else
  . "$root/bench/ekm-caller.sh"
  target="$ekm"
fi

load() { wrk -t2 -c16 -d"$1s" -s "$work/decrypt.lua" --latency "$target"; }
ms() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }

load "$warmup" >/dev/null
out=$(load "$seconds")
errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
printf '%s-decrypt from outside (wrk, c=16, %ss): %s requests/s, %.0f of them answered 2xx a second, p50 %.2f ms, p99 %.2f ms\n' \
  "$call" "$seconds" "$rate" "$(awk -v r="$rate" -v e="${errors:-0}" -v s="$seconds" 'BEGIN {print r - e / s}')" \
  "$(ms 50% <<<"$out")" "$(ms 99% <<<"$out")"
