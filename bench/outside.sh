#!/usr/bin/env bash
# The EKM API decrypt measured from outside the process, as a user of the quickstart stack sees
# it: wrk with 16 connections (the bench's c=16) replays one bearer-token decrypt against a serving
# `./ekms quickstart` (its data directory is the argument, default ekms-data), warms for WARMUP
# seconds (default 30), then measures for SECONDS_PER_RUN (default 20) and prints the rate, p50
# and p99. Compare with the same call in the bench, run afterwards (not beside it: both need the
# two cores), e.g. `./ekms bench --quick --only 'ekm-decrypt$' --seconds 20`. Needs curl, jq, wrk.
set -euo pipefail
seconds="${SECONDS_PER_RUN:-20}"
warmup="${WARMUP:-30}"
. "$(dirname "${BASH_SOURCE[0]}")/ekm-caller.sh"

load() { wrk -t2 -c16 -d"$1s" -s "$work/decrypt.lua" --latency "$ekm"; }
ms() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }

load "$warmup" >/dev/null
out=$(load "$seconds")
errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
printf 'ekm-decrypt from outside (wrk, c=16, %ss): %s requests/s, p50 %.2f ms, p99 %.2f ms, non-2xx %s\n' \
  "$seconds" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(ms 50% <<<"$out")" \
  "$(ms 99% <<<"$out")" "${errors:-0}"
