#!/usr/bin/env bash
# Runs the whole test suite and ends with one plain summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh || exit 1
# A real helm (and its kubectl) for the chart's tests, into tools/.
bash scripts/ensure-helm.sh || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build Honeydipper.Operator.sln -c "${CONFIGURATION:-Debug}" -nologo -clp:ErrorsOnly || exit 1
dotnet test Honeydipper.Operator.sln -c "${CONFIGURATION:-Debug}" --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The operator tried by hand (make smoke), on the build just tested.
if ! SMOKE_NO_BUILD=1 bash scripts/smoke.sh; then
  echo "smoke: failed (make smoke)" >&2
  status=1
fi
awk '
  /(Passed|Failed)!  *- *Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1);
      if ($i == "Passed:") p += $(i+1);
      if ($i == "Skipped:") s += $(i+1);
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# The failed tests last, by name, so that a truncated log still shows them.
grep -E '^[[:space:]]+Failed [A-Za-z_]' "$log" | sed 's/^[[:space:]]*/failed: /' | sort -u
if grep -q "No test is available" "$log"; then
  echo "warning: a test project holds no tests" >&2
fi
exit "$status"
