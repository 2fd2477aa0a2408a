//! Throughput of the ingest stages (decode + repair) on a large generated input,
//! side by side in one run so the ratios hold on a noisy machine.
//!
//! Run: `cargo bench --bench throughput` (optionally `-- MB` for the input size,
//! default 32). The input is the six corpus texts (tests/data/corpus), repeated
//! to the size asked, clean and with each damage kind applied.

use std::hint::black_box;
use std::time::{Duration, Instant};

use natalign::damage::DamageKind;
use natalign::{decode, repair};

fn corpus_text(megabytes: usize) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    let mut one = String::new();
    for pair in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        for lang in ["en", "fr"] {
            one.push_str(&std::fs::read_to_string(format!("{root}/{pair}/{lang}.txt")).unwrap());
            one.push_str("\n\n");
        }
    }
    let mut text = String::with_capacity(megabytes << 20);
    while text.len() < megabytes << 20 {
        text.push_str(&one);
    }
    text
}

/// Best of three runs of `f`, in seconds.
fn time(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or(Duration::ZERO)
        .as_secs_f64()
}

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(32);
    let clean = corpus_text(mb);
    let size = clean.len() as f64 / (1 << 20) as f64;
    let floor = time(|| {
        black_box(std::str::from_utf8(black_box(clean.as_bytes())).is_ok());
    });
    println!("input: {size:.1} MiB (corpus texts repeated), best of 3 runs");
    println!("{:<40} {:>10} {:>12}", "stage", "MiB/s", "x floor time");
    println!(
        "{:<40} {:>10.0} {:>12.1}",
        "floor: UTF-8 validation",
        size / floor,
        1.0
    );
    let row = |name: &str, secs: f64| {
        println!("{name:<40} {:>10.1} {:>12.1}", size / secs, secs / floor);
    };
    row(
        "decode (clean)",
        time(|| {
            black_box(decode::decode(clean.as_bytes()).unwrap());
        }),
    );
    row(
        "decode + repair (clean)",
        time(|| {
            let d = decode::decode(clean.as_bytes()).unwrap();
            black_box(repair::repair(&d.text));
        }),
    );
    for kind in DamageKind::ALL {
        let damaged = kind.apply(&clean);
        row(
            &format!("decode + repair ({})", kind.as_str()),
            time(|| {
                let d = decode::decode(damaged.as_bytes()).unwrap();
                black_box(repair::repair(&d.text));
            }),
        );
    }
}
