#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine. It installs what the tests need when it is missing
# (apt-get, as root) and then runs `dotnet test`; it ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests need: a package is installed when its check fails.
missing=()
# The persistence tests start a private PostgreSQL server with Debian's binaries (or use SCHEDULER_TEST_POSTGRES).
if [[ -z "${SCHEDULER_TEST_POSTGRES:-}" ]] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=("postgresql")
fi
# PostgreSQL refuses to run as root; the tests start it through runuser (util-linux).
if [[ $(id -u) -eq 0 ]] && ! command -v runuser >/dev/null 2>&1; then
  missing+=("util-linux")
fi

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is missing: install it so that 'dotnet' is on PATH." >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet build Scheduler.sln -c Release -nologo -v quiet || exit 1
# -m:1: one test assembly at a time. Several assemblies run multi-node specs (four processes each); on two cores,
# two such specs at once starve each other's failure detectors and fail for no fault of the code.
dotnet test Scheduler.sln -c Release --no-build -nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?

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
