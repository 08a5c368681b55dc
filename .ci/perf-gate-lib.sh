# Shared by .ci/perf-gate and .ci/perf-gate-selftest (sourced, not run).

# Builds the `instructions` bench in the release (bench) profile with any extra cargo
# arguments (e.g. --features gate-selftest) and prints the path of its executable.
# The binary is run directly, not through `cargo bench`, because cargo reports any
# failing bench as its own exit status 101 and the gate's 1 (regression) and 2 (setup
# error) must reach CI unchanged.
build_gate() {
    local exe
    exe=$(cargo bench --bench instructions --no-run --message-format=json-render-diagnostics "$@" \
        | grep -o '"executable":"[^"]*/instructions-[0-9a-f]*"' \
        | tail -n 1 | sed 's/^"executable":"//; s/"$//')
    if [[ -z "$exe" || ! -x "$exe" ]]; then
        echo "error: could not find the built instructions bench" >&2
        return 2
    fi
    echo "$exe"
}
