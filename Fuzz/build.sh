#!/usr/bin/env bash
# Builds one libFuzzer binary per fuzz target in Fuzz/Targets/ into Fuzz/.build/bin/.
#
# The modules the targets need (CYaml, Yams, IncidentModel, SwiftProtobuf, Signals, Analysis)
# are compiled straight from their sources with coverage instrumentation
# (-sanitize=fuzzer) and AddressSanitizer (-sanitize=address), one object file per module;
# each target is then one small Swift file linked against them. Dependency sources come from
# SwiftPM's checkouts, so run `swift build` once first (the first of .build, .build-* holding
# them is used; SCRATCH=path chooses another).
#
# Usage: Fuzz/build.sh [--no-asan]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${SCRATCH:-}" ]]; then  # the first SwiftPM scratch folder holding the checkouts
  for candidate in "$ROOT/.build" "$ROOT"/.build-*; do
    if [[ -d "$candidate/checkouts/Yams" ]]; then SCRATCH="$candidate"; break; fi
  done
fi
SCRATCH="${SCRATCH:-$ROOT/.build}"
CHECKOUTS="$SCRATCH/checkouts"
OUT="$ROOT/Fuzz/.build"
SANITIZE="fuzzer,address"
if [[ "${1:-}" == "--no-asan" ]]; then SANITIZE="fuzzer"; fi
OPT="${FUZZ_OPT:--O}"

for dep in Yams swift-protobuf; do
  if [[ ! -d "$CHECKOUTS/$dep" ]]; then
    echo "error: $CHECKOUTS/$dep is missing; run 'swift build --scratch-path $SCRATCH' first" >&2
    exit 2
  fi
done

mkdir -p "$OUT/obj" "$OUT/modules" "$OUT/bin"
STAMP="$OUT/obj/.flags"
if [[ -f "$STAMP" && "$(cat "$STAMP")" != "$SANITIZE $OPT" ]]; then rm -f "$OUT"/obj/*.o; fi
echo "$SANITIZE $OPT" > "$STAMP"

# Rebuild a module when any of its sources is newer than its object file.
stale() { local obj="$1"; shift; [[ ! -f "$obj" ]] || [[ -n "$(find "$@" -newer "$obj" -print -quit)" ]]; }

CYAML="$CHECKOUTS/Yams/Sources/CYaml"
if stale "$OUT/obj/CYaml.o" "$CYAML"; then
  echo "== CYaml"
  clang_san="fuzzer-no-link"
  [[ "$SANITIZE" == *address* ]] && clang_san="$clang_san,address"
  objs=()
  for c in "$CYAML"/src/*.c; do
    o="$OUT/obj/cyaml-$(basename "$c" .c).o"
    clang -c -O1 -g -fPIC -fsanitize="$clang_san" -DYAML_DECLARE_STATIC -I "$CYAML/include" "$c" -o "$o"
    objs+=("$o")
  done
  ld -r "${objs[@]}" -o "$OUT/obj/CYaml.o"
fi

# swift_module NAME "DEPENDENCIES" SOURCE_DIR [extra swiftc flags...]: rebuilt when a source or a
# dependency's object file is newer than its own object file.
swift_module() {
  local name="$1" deps="$2" dir="$3"; shift 3
  local obj="$OUT/obj/$name.o" newer=("$dir")
  for d in $deps; do newer+=("$OUT/obj/$d.o"); done
  if stale "$obj" "${newer[@]}"; then
    echo "== $name"
    # shellcheck disable=SC2046
    swiftc -parse-as-library -wmo $OPT -g -sanitize="$SANITIZE" -module-name "$name" \
      -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" \
      -I "$OUT/modules" -I "$CYAML/include" -Xcc -DYAML_DECLARE_STATIC \
      -c "$@" $(find "$dir" -name '*.swift' | sort) -o "$obj"
  fi
}

swift_module Yams "CYaml" "$CHECKOUTS/Yams/Sources/Yams" -swift-version 5 -D SWIFT_PACKAGE -package-name yams
swift_module IncidentModel "Yams" "$ROOT/Sources/IncidentModel" -swift-version 6 -package-name postmortem
swift_module SwiftProtobuf "" "$CHECKOUTS/swift-protobuf/Sources/SwiftProtobuf" -swift-version 6 \
  -package-name swift_protobuf -enable-upcoming-feature ExistentialAny
swift_module Signals "IncidentModel SwiftProtobuf" "$ROOT/Sources/Signals" -swift-version 6 -package-name postmortem
swift_module Analysis "Signals" "$ROOT/Sources/Analysis" -swift-version 6 -package-name postmortem

for target in "$ROOT"/Fuzz/Targets/*.swift; do
  name="$(basename "$target" .swift)"
  bin="$OUT/bin/fuzz-$name"
  if [[ ! -f "$bin" || "$target" -nt "$bin" || "$ROOT/Fuzz/Support/FuzzCheck.swift" -nt "$bin" || -n "$(find "$OUT/obj" -name '*.o' -newer "$bin" -print -quit)" ]]; then
    echo "== fuzz-$name"
    swiftc -parse-as-library $OPT -g -sanitize="$SANITIZE" -swift-version 6 -I "$OUT/modules" -I "$CYAML/include" \
      "$target" "$ROOT/Fuzz/Support/FuzzCheck.swift" "$OUT"/obj/{CYaml,Yams,IncidentModel,SwiftProtobuf,Signals,Analysis}.o -o "$bin" \
      2> >(grep -v "Cannot export local symbol" >&2)  # gold's noise about ASan's symbols
  fi
done
echo "built: $(ls "$OUT/bin" | tr '\n' ' ')"
