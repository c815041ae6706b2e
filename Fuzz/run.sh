#!/usr/bin/env bash
# Runs the libFuzzer targets in Fuzz/Targets/ for a given time each, seeded from Tests/Fixtures.
#
# Usage: Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 120; targets default to all (manifest prometheus-json otlp-json
#                       jaeger-json zipkin-json folded csv deploy-log pprof speedscope detect)
#   FUZZ_JOBS=N         run N targets at once (default 1)
#   FUZZ_TIMEOUT=S      seconds one input may take before it counts as a hang (default 10)
#
# Each target keeps its corpus in Fuzz/.build/corpus/<target>/ (grown across runs) and writes
# crashing, leaking or timing-out inputs to Fuzz/.build/crashes/<target>/. Keep every such input
# as a regression test: copy it to Tests/Fixtures/fuzz-regressions/<target>/ (FuzzRegressionTests
# feeds each file there through the parser it names). A summary (target, seconds, executions,
# crashes) is printed and appended to Fuzz/.build/results.tsv.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/Fuzz/.build"
SECONDS_PER_TARGET="${1:-120}"
shift || true
ALL=(manifest prometheus-json otlp-json jaeger-json zipkin-json folded csv deploy-log pprof speedscope detect)
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")

"$ROOT/Fuzz/build.sh" || exit 2
# libFuzzer and AddressSanitizer report crashes; the Swift runtime's backtracer would get in their way.
export SWIFT_BACKTRACE=enable=no

FX="$ROOT/Tests/Fixtures"
EX="$ROOT/incidents"
# seeds TARGET: the fixture files a target starts from (one path per line).
seeds() {
  case "$1" in
    manifest) ls "$EX"/*/incident.yaml "$FX"/bundles/*/incident.yaml; find "$FX/bad-inputs" -name '*.yaml' ;;
    prometheus-json) ls "$FX"/prometheus/*.json "$EX"/*/signals/*.prom.json; find "$FX/bad-inputs" -name '*.prom.json' ;;
    otlp-json) ls "$FX"/traces/otlp/*.json "$FX"/traces/tempo/*.json "$EX"/*/signals/*.otlp.json; find "$FX/bad-inputs" -name '*.otlp.json' ;;
    jaeger-json) ls "$FX"/traces/jaeger/*.json ;;
    zipkin-json) ls "$FX"/traces/zipkin/*.json ;;
    folded) ls "$FX"/profiles/folded/* "$EX"/*/signals/*.folded; find "$FX/bad-inputs" -name '*.folded' ;;
    csv) ls "$EX"/*/signals/*.csv; find "$FX/bad-inputs" -name '*.csv' ;;
    deploy-log) ls "$EX"/*/signals/*.jsonl; find "$FX/bad-inputs" -name '*.jsonl' ;;
    pprof) ls "$FX"/profiles/pprof/* ;;
    speedscope) ls "$FX"/profiles/speedscope/* ;;
    detect) for t in prometheus-json otlp-json jaeger-json zipkin-json folded csv deploy-log pprof speedscope; do seeds "$t"; done ;;
  esac 2>/dev/null
}
options() {
  case "$1" in
    manifest) echo "-max_len=16384 -dict=$ROOT/Fuzz/dict/yaml.dict" ;;
    folded|csv) echo "-max_len=16384 -dict=$ROOT/Fuzz/dict/text.dict" ;;
    pprof) echo "-max_len=65536" ;;
    *) echo "-max_len=65536 -dict=$ROOT/Fuzz/dict/json.dict" ;;
  esac
}

run_one() {
  local target="$1" bin="$OUT/bin/fuzz-$1"
  local corpus="$OUT/corpus/$target" seeddir="$OUT/seeds/$target" crashes="$OUT/crashes/$target"
  mkdir -p "$corpus" "$seeddir" "$crashes"
  local maxlen; maxlen="$(options "$target" | sed -n 's/.*-max_len=\([0-9]*\).*/\1/p')"
  # Seeds, cut to the length the fuzzer works with; earlier regressions are seeds too.
  while IFS= read -r f; do
    [[ -f "$f" ]] && head -c "$maxlen" "$f" > "$seeddir/$(basename "$f")"
  done < <(seeds "$target"; find "$FX/fuzz-regressions/$target" -type f 2>/dev/null)
  local log="$OUT/logs/$target.log"
  mkdir -p "$OUT/logs"
  # shellcheck disable=SC2046
  "$bin" $(options "$target") -max_total_time="$SECONDS_PER_TARGET" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=3072 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeddir" > "$log" 2>&1
  local status=$?
  local execs; execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  local found; found="$(find "$crashes" -type f | wc -l)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$SECONDS_PER_TARGET" "${execs:-?}" "$found" "$status" \
    | tee -a "$OUT/results.tsv"
}

echo "# finished-at target seconds executions crash-files exit-status"
JOBS="${FUZZ_JOBS:-1}"
for target in "${TARGETS[@]}"; do
  if [[ ! -x "$OUT/bin/fuzz-$target" ]]; then echo "unknown target $target" >&2; continue; fi
  run_one "$target" &
  while [[ $(jobs -rp | wc -l) -ge $JOBS ]]; do wait -n; done
done
wait
