#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (xUnit, against the real embedded ClickHouse engine).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Gateway".
set -euo pipefail
cd "$(dirname "$0")"

./scripts/setup.sh --test-clients
echo "[test] building"
dotnet build Analytics.sln --nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# --blame names the test that was running if a test host crashes (a crash otherwise shows only "aborted").
dotnet test Analytics.sln --no-build --nologo --blame "$@" 2>&1 | tee "$log" || status=$?

# One closing line over every test assembly: "N passed, N failed, N skipped".
awk '/(Passed|Failed)! +- +Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' "$log" || status=1
exit "$status"
