#!/usr/bin/env bash
# `make fuzz`: builds Fuzz/ with libFuzzer and runs every target for FUZZ_SECONDS (default 60).
#
#   FUZZ_SECONDS=600 FUZZ_JOBS=2 FUZZ_TARGETS="json yaml" bash scripts/fuzz.sh
#   FUZZ_RUNS=0 bash scripts/fuzz.sh    # only replay the seeds through every target
#   FUZZ_CONFIG=debug FUZZ_RUNS=0 ...   # the same, built in debug (CI: a third of the build time)
#
# Seeds come from the sample evidence, the test fixtures and (when present) ../shared/realworld;
# the growing corpus stays in Fuzz/corpus (not committed). A crash leaves its input in
# Fuzz/crashes/<target>/: copy it to Tests/Fixtures/fuzz/<target>/ so FuzzRegressionTests replays
# it on every `make test`, then fix the parser. Prints one line of figures per target and exits 1
# if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-2}
TARGETS=${FUZZ_TARGETS:-"markdown checklist json yaml log threat-dragon pytm secrets decoded-secrets personal-data template tables nesting limits data-flow file-names"}
SHARED=$ROOT/../shared/realworld
CONFIG=${FUZZ_CONFIG:-release}
BIN=$ROOT/Fuzz/.build/$CONFIG/DossierFuzz

echo "fuzz: building Fuzz/ with -sanitize=fuzzer ($CONFIG)"
# A failed build must stop here: an older binary left from a previous build would fuzz old code.
if ! swift build --package-path Fuzz -c "$CONFIG" -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >"$ROOT/Fuzz/build.log" 2>&1; then
    tail -20 "$ROOT/Fuzz/build.log" >&2
    echo "fuzz: the build failed (Fuzz/build.log)" >&2
    exit 2
fi
tail -1 "$ROOT/Fuzz/build.log"

# seeds TARGET: the files a target starts from, one per line.
seeds() {
    local shared=()
    case $1 in
        markdown|checklist)
            find evidence Tests/Fixtures -name '*.md'
            [ -d "$SHARED" ] && find "$SHARED/checklists" "$SHARED/dataflow" -name '*.md' ;;
        json)
            find evidence Tests/Fixtures -name '*.json'
            [ -d "$SHARED" ] && find "$SHARED/approvals" "$SHARED/dataflow" -name '*.json' ;;
        yaml)
            find evidence Tests/Fixtures catalogs -name '*.yml' -size -64k
            [ -d "$SHARED" ] && find "$SHARED/approvals" "$SHARED/dataflow" "$SHARED/ropa" -name '*.yaml' -size -64k ;;
        log)
            find evidence -name '*.jsonl'
            [ -d "$SHARED" ] && find "$SHARED/logs" -type f -size -64k ;;
        threat-dragon)
            find Tests/Fixtures -name '*.json' -path '*dragon*'
            [ -d "$SHARED" ] && find "$SHARED/dataflow" -name 'threatdragon*.json' ;;
        pytm)
            find Tests/Fixtures -name '*.json' -path '*pytm*'
            [ -d "$SHARED" ] && find "$SHARED/dataflow" -name 'pytm*.json' ;;
        secrets|decoded-secrets|personal-data)
            find Tests/Fixtures -path '*secret*' -type f -size -64k
            find Tests/Fixtures -path '*personal*' -type f -size -64k
            find evidence -name '*.md' ;;
        template)
            find templates Tests/Fixtures -name '*.mustache' -size -64k ;;
        # The bound targets read structured inputs (FuzzTargets+Bounds.swift): their first bytes size
        # what they generate, so their seeds are their own, each on one side of its bound or the other.
        tables|nesting|limits|data-flow|file-names)
            find "Tests/Fixtures/fuzz/$1" -type f ;;
    esac 2>/dev/null
    [ -d "$SHARED" ] || echo "fuzz: ../shared/realworld is absent; seeding from the project only" >&2
}

dictionary() {
    case $1 in
        markdown|checklist|tables|nesting) echo "$ROOT/Fuzz/dictionaries/markdown.dict" ;;
        json|log|threat-dragon|pytm|decoded-secrets) echo "$ROOT/Fuzz/dictionaries/json.dict" ;;
        yaml|limits) echo "$ROOT/Fuzz/dictionaries/yaml.dict" ;;
        template) echo "$ROOT/Fuzz/dictionaries/mustache.dict" ;;
        *) echo "$ROOT/Fuzz/dictionaries/text.dict" ;;
    esac
}

run_target() {
    local target=$1 corpus=$ROOT/Fuzz/corpus/$1 crashes=$ROOT/Fuzz/crashes/$1 seedsDir
    mkdir -p "$corpus" "$crashes"
    seedsDir=$(mktemp -d)
    trap 'rm -rf "$seedsDir"' EXIT INT TERM
    seeds "$target" | sort -u | while IFS= read -r file; do cp "$file" "$seedsDir/$(echo "$file" | sha1sum | cut -c1-16)"; done
    # Swift's own crash reporter would catch the trap first and libFuzzer would save no input.
    SWIFT_BACKTRACE=enable=no DOSSIER_FUZZ_TARGET=$target "$BIN" "$corpus" "$seedsDir" \
        $LIMIT -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -dict="$(dictionary "$target")" -artifact_prefix="$crashes/" -print_final_stats=1 \
        >"$ROOT/Fuzz/crashes/$target.log" 2>&1
    local status=$?
    rm -rf "$seedsDir"
    local runs cov ft
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$ROOT/Fuzz/crashes/$target.log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$ROOT/Fuzz/crashes/$target.log" | tail -1 | grep -o '[0-9]*')
    ft=$(grep -o 'ft: [0-9]*' "$ROOT/Fuzz/crashes/$target.log" | tail -1 | grep -o '[0-9]*')
    if [ $status -eq 0 ]; then
        printf 'fuzz %-14s ok     %6ss  %9s runs  cov %5s  features %6s  corpus %5s\n' "$target" "$SECONDS_EACH" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$(ls "$corpus" | wc -l)"
    else
        printf 'fuzz %-14s CRASH  see Fuzz/crashes/%s.log and Fuzz/crashes/%s/\n' "$target" "$target" "$target"
        return 1
    fi
}

export -f seeds dictionary run_target
# FUZZ_RUNS bounds the number of runs instead of the time: 0 replays the seeds and nothing more.
if [ -n "${FUZZ_RUNS:-}" ]; then LIMIT="-runs=$FUZZ_RUNS"; SECONDS_EACH="-"; else LIMIT="-max_total_time=$SECONDS_EACH"; fi
export ROOT SECONDS_EACH SHARED BIN LIMIT
failed=0
printf '%s\n' $TARGETS | xargs -P "$JOBS" -I{} bash -c 'run_target "$@"' _ {} || failed=1
exit $failed
