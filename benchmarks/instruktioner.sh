#!/usr/bin/env bash
# Instructions per cold request (--varm: warm) of each URL, and as a ratio to the trivial
# page /forbundet/ counted the same way (a benchmark, not a test; CI does not run it; why and how:
# benchmarks/instruktioner.py). Needs valgrind (callgrind_control comes with it).
#   bash benchmarks/instruktioner.sh [--forbund SLUG] [--runs N] [--varm] URL [URL ...]
# Uses the database the app uses (DATABASE_URL, else the SQLite demo), as kansli of SLUG
# (default vastmanland; nationell-001 on a database from generate_national).
set -euo pipefail
cd "$(dirname "$0")/.."
forbund="vastmanland"
runs=3
varm=""
while [ $# -gt 0 ]; do
  case "$1" in
    --forbund) forbund="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --varm) varm="--varm"; shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "Ange minst en adress, t.ex. / eller /rapporter/arsredovisning/2025/." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind saknas (apt-get install valgrind)." >&2; exit 2; }
python="${PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Millions of instructions per request of one URL.
rakna() {
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/ut" \
    "$python" benchmarks/instruktioner.py --forbund "$forbund" --runs "$runs" $varm "$1" \
    >"$work/logg" 2>&1 || { grep -v '^==' "$work/logg" >&2; return 1; }
  awk -v runs="$runs" '/Collected :/ {printf "%.1f", $4 / runs / 1e6}' "$work/logg"
}

trivial="$(rakna /forbundet/)"
if [ -n "$varm" ]; then lage="varmt (det sidan håller är kvar)"; else lage="kallt (efter en ny datatoken)"; fi
echo "$forbund, $lage, $runs begäran per sida, miljoner instruktioner:"
printf '%-60s %10s %7s\n' "sida" "M instr" "×triv"
printf '%-60s %10s %7s\n' "/forbundet/ (trivial)" "$trivial" "1.00"
for url in "$@"; do
  m="$(rakna "$url")"
  printf '%-60s %10s %7s\n' "$url" "$m" "$(awk -v m="$m" -v t="$trivial" 'BEGIN {printf "%.2f", m / t}')"
done
