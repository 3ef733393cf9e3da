#!/usr/bin/env bash
# The EKM under a flood of unauthenticated garbage, measured from outside the process with wrk:
# one authenticated caller decrypts, first alone, then while about 1,000 garbage requests a second
# arrive; prints its p50 and p99 both times and the p99 ratio. Runs against a serving
# `./ekms quickstart` (its data directory is the argument, default ekms-data). Needs curl, jq, wrk.
set -euo pipefail
seconds="${SECONDS_PER_RUN:-20}"
. "$(dirname "${BASH_SOURCE[0]}")/ekm-caller.sh"
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
