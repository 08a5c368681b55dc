#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time each, one after another:
#   fuzz/run.sh [SECONDS] [TARGET...]        (default: 60 seconds per target, all targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The stable toolchain works: cargo-fuzz's
# nightly-only flags are unlocked with RUSTC_BOOTSTRAP=1. No sanitizer (-s none): the
# fuzzed code is safe Rust, so a sanitizer would only slow builds and executions down;
# panics, overflows (debug assertions are on) and timeouts are what the targets catch.
# Seeds come from fuzz/corpus/<target>/ (committed, small); what the fuzzer adds goes to
# fuzz/work/<target>/ (ignored) so the committed corpus stays minimal. Crashes land in
# fuzz/artifacts/<target>/; reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(segment clean stem rouge155_text rouge config readers reader_files)
fi
export RUSTC_BOOTSTRAP=1
# One build for all targets, so each run below starts fuzzing at once.
cargo fuzz build -s none
status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/work/$t"
    log="fuzz/work/$t.log"
    echo "== $t (${seconds}s)"
    if cargo fuzz run -s none "$t" "fuzz/work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^Done [0-9]+ runs' "$log" || tail -n 3 "$log"
    else
        status=1
        echo "FAILED: see $log and fuzz/artifacts/$t/"
        grep -E 'panicked|ERROR|SUMMARY' "$log" | head -n 5 || true
    fi
done
exit "$status"
