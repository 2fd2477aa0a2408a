#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| natalign_fuzz::markdown(data));
