#!/usr/bin/env bash
# Smoke-test the frozen one-folder app built by `pyinstaller build.spec`.
#   scripts/frozen_smoke.sh [dist/cmplanner/cmplanner]
# Checks, each with a time limit and no stdin:
#   1. `cmplanner --version` exits 0 and names the app;
#   2. the Alembic migrations landed in the bundle, and `brands add` / `brands list --json`
#      on a temp home run them for real (a fresh database is migrated to head);
#   3. `QT_QPA_PLATFORM=offscreen cmplanner --self-test --home TMP` opens and closes the
#      main window and exits 0 (skipped only while cmplanner/app.py does not exist yet).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP=${1:-$ROOT/dist/cmplanner/cmplanner}
LIMIT=${SMOKE_TIMEOUT:-90}

if [[ ! -x "$APP" ]]; then
  echo "frozen-smoke: no executable at $APP (build it: pyinstaller --noconfirm build.spec)" >&2
  exit 1
fi
BUNDLE=$(dirname "$APP")/_internal

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cmplanner-smoke.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Nothing the frozen app writes may land in the real home.
export CMPLANNER_HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg-data" XDG_STATE_HOME="$TMP/xdg-state"
export XDG_CONFIG_HOME="$TMP/xdg-config" XDG_CACHE_HOME="$TMP/xdg-cache"
export XDG_RUNTIME_DIR="$TMP/runtime"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"

failures=0
check() {  # check NAME COMMAND... : runs it, shows its output on failure
  local name=$1; shift
  local out="$TMP/out.txt" rc=0 t0=$SECONDS
  timeout --kill-after=5 "$LIMIT" "$@" </dev/null >"$out" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    printf 'frozen-smoke: ok    %-38s (%ss)\n' "$name" $((SECONDS - t0))
  else
    printf 'frozen-smoke: FAIL  %-38s (exit %s%s)\n' "$name" "$rc" \
      "$([[ $rc -eq 124 ]] && echo ", timed out after ${LIMIT}s")"
    sed 's/^/    | /' "$out" | tail -40
    failures=$((failures + 1))
  fi
  return 0
}
output_has() {  # output_has NAME PATTERN : the last check's output contains PATTERN
  if grep -q -- "$2" "$TMP/out.txt"; then
    printf 'frozen-smoke: ok    %-38s\n' "$1"
  else
    printf 'frozen-smoke: FAIL  %-38s (no %q in output)\n' "$1" "$2"
    sed 's/^/    | /' "$TMP/out.txt" | tail -20
    failures=$((failures + 1))
  fi
}

# 1. --version
check "--version" "$APP" --version
output_has "--version names cmplanner" "cmplanner"
sed 's/^/    /' "$TMP/out.txt"

# 2. migrations bundled and run for real on a fresh database
for f in cmplanner/storage/migrations/env.py cmplanner/storage/migrations/script.py.mako; do
  if [[ -f "$BUNDLE/$f" ]]; then
    printf 'frozen-smoke: ok    %-38s\n' "bundled $f"
  else
    printf 'frozen-smoke: FAIL  %-38s (missing in %s)\n' "bundled $f" "$BUNDLE"
    failures=$((failures + 1))
  fi
done
n_versions=$(find "$BUNDLE/cmplanner/storage/migrations/versions" -name '*.py' 2>/dev/null | wc -l)
n_source=$(find "$ROOT/cmplanner/storage/migrations/versions" -name '*.py' 2>/dev/null | wc -l)
if [[ $n_versions -ge 1 && ( $n_source -eq 0 || $n_versions -eq $n_source ) ]]; then
  printf 'frozen-smoke: ok    %-38s\n' "bundled $n_versions migration version(s)"
else
  printf 'frozen-smoke: FAIL  %-38s (%s bundled, %s in source)\n' "migration versions" \
    "$n_versions" "$n_source"
  failures=$((failures + 1))
fi
check "brands add (runs the migrations)" "$APP" brands add "Smoke Brand" --tz UTC --home "$TMP/cli"
check "brands list --json" "$APP" brands list --json --home "$TMP/cli"
output_has "brands list shows the new brand" '"Smoke Brand"'

# 3. the window, offscreen
if [[ -f "$ROOT/cmplanner/app.py" || "${SMOKE_REQUIRE_SELF_TEST:-}" == 1 ]]; then
  QT_QPA_PLATFORM=offscreen check "--self-test (offscreen window)" \
    "$APP" --self-test --home "$TMP/gui"
else
  echo "frozen-smoke: SKIP  --self-test: cmplanner/app.py does not exist yet"
fi

if [[ $failures -ne 0 ]]; then
  echo "frozen-smoke: $failures check(s) failed"
  exit 1
fi
echo "frozen-smoke: all checks passed"
