//! Fuzz target `clean`: see `sumbench_fuzz::TARGETS` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sumbench_fuzz::run("clean", data));
