#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine. It installs what the tests need when it is missing
# (apt-get, as root) and then runs `dotnet test`; it ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests need, as "command:package" pairs. The kernel's tests need none; later layers add
# theirs here (postgresql for persistence, chromium for the dashboard).
required=()
missing=()
for pair in "${required[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is missing: install it (https://dot.net) so that 'dotnet' is on PATH." >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet build Scheduler.sln -c Release -nologo -v quiet || exit 1
dotnet test Scheduler.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# Each test assembly prints "Passed!  - Failed: F, Passed: P, ..." (or "Failed!  - ..."); add them up.
passed=0
failed=0
while read -r f p; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -n 's/.*- Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\1 \2/p' "$log")
if ((passed == 0 && failed == 0)); then
  echo "No test ran: the test projects were not found or were all filtered out." >&2
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
