#![no_main]

// The Word reader on arbitrary bytes: a refusal or a document, never a panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = natalign::import::structured::read(
        natalign::import::structured::SourceFormat::Docx,
        data,
    );
});
