//! EXPERIMENT (reverted in the next commit; see docs/DESIGN.md, "Word and
//! sentence boundaries"): hand-written word and sentence boundaries against
//! UAX #29 (unicode-segmentation), side by side in one run, on the corpus
//! texts (tests/data/corpus), first for differences, then for speed.
//!
//! Run: `cargo bench --bench segmentation` (optionally `-- MB`, default 4).
//! Output differences on the whole check: the release binary takes the
//! UAX #29 variant when `NATALIGN_UAX=1` (sentence splitter, UAX #29 base +
//! rules), `NATALIGN_UAX_LANGID=raw` (langid over `unicode_words`) or
//! `NATALIGN_UAX_CUES=1` (cognates over `unicode_words`) is set, e.g.
//! `NATALIGN_UAX=1 scripts/check-identical 9b17535`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use natalign::align::cues::Cues;
use natalign::document::Lang;
use natalign::langid;
use natalign::segment::{segment, sentence};
use unicode_segmentation::UnicodeSegmentation;

/// The text paragraphs of the corpus texts, with their language.
fn corpus() -> Vec<(String, Lang)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    let mut out = Vec::new();
    for pair in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        for (file, lang) in [("en", Lang::En), ("fr", Lang::Fr)] {
            let text = std::fs::read_to_string(format!("{root}/{pair}/{file}.txt")).unwrap();
            for p in segment(&text) {
                if p.is_text() {
                    out.push((p.text, lang));
                }
            }
        }
    }
    out
}

/// Best of five runs of `f`, in seconds.
fn time(mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or(Duration::ZERO)
        .as_secs_f64()
}

fn hand_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(4);
    let unique = corpus();
    let unique_bytes: usize = unique.iter().map(|(t, _)| t.len()).sum();

    println!(
        "== differences on the corpus ({} paragraphs, {unique_bytes} bytes)",
        unique.len()
    );
    // Sentences.
    for (name, supplement) in [
        ("uax base + rules", false),
        ("uax base + rules + supplement", true),
    ] {
        let mut differ = 0;
        let mut shown = 0;
        for (t, lang) in &unique {
            let a = sentence::split(t, *lang);
            let b = sentence::split_uax(t, *lang, supplement);
            if a != b {
                differ += 1;
                if shown < 8 {
                    shown += 1;
                    let s = |r: &Vec<std::ops::Range<usize>>| -> Vec<String> {
                        r.iter()
                            .map(|r| t[r.clone()].chars().take(60).collect())
                            .collect()
                    };
                    println!("  hand: {:?}\n  uax:  {:?}", s(&a), s(&b));
                }
            }
        }
        println!("sentences, {name}: {differ} paragraphs differ from the hand-written splitter");
    }
    let raw: usize = unique
        .iter()
        .map(|(t, _)| t.split_sentence_bound_indices().count())
        .sum();
    let hand: usize = unique
        .iter()
        .map(|(t, l)| sentence::split(t, *l).len())
        .sum();
    println!("sentences: hand-written {hand}, raw UAX #29 sentence segments {raw}");
    // Words.
    let mut only_uax: BTreeMap<String, usize> = BTreeMap::new();
    let (mut n_hand, mut n_uax) = (0, 0);
    for (t, _) in &unique {
        let h: Vec<&str> = hand_words(t).collect();
        n_hand += h.len();
        for w in t.unicode_words() {
            n_uax += 1;
            if !w.chars().all(char::is_alphabetic) {
                *only_uax.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    println!(
        "words: hand-written (split on non-letters) {n_hand}, unicode_words {n_uax}, \
         unicode_words with a non-letter inside {}",
        only_uax.values().sum::<usize>()
    );
    let mut top: Vec<_> = only_uax
        .iter()
        .filter(|(w, _)| w.chars().any(char::is_alphabetic))
        .collect();
    top.sort_by(|a, b| b.1.cmp(a.1));
    println!(
        "  with letters (distinct {}, occurrences {}), most frequent: {:?}",
        top.len(),
        top.iter().map(|(_, n)| **n).sum::<usize>(),
        top.iter().take(15).collect::<Vec<_>>()
    );
    let (mut ev_raw, mut ev_faith, mut flips) = (0, 0, 0);
    let (mut fr_n, mut fr_hand, mut fr_raw) = (0, 0.0, 0.0);
    for (t, lang) in &unique {
        if *lang == Lang::Fr {
            fr_n += 1;
            fr_hand += langid::evidence(t);
            fr_raw += langid::evidence_uax(t, false);
        }
        let a = langid::evidence(t);
        let b = langid::evidence_uax(t, false);
        let c = langid::evidence_uax(t, true);
        ev_raw += usize::from(a != b);
        ev_faith += usize::from(a != c);
        flips += usize::from((a > 0.0) != (b > 0.0) && a != 0.0);
    }
    println!(
        "langid evidence differs: unicode_words {ev_raw} paragraphs ({flips} change sign), \
         unicode_words re-split on non-letters {ev_faith}"
    );
    println!(
        "langid evidence, mean over the {fr_n} French paragraphs (negative: French): \
         hand-written words {:.2}, unicode_words {:.2}",
        fr_hand / fr_n as f64,
        fr_raw / fr_n as f64
    );
    let (mut ent_hand, mut ent_uax) = (0, 0);
    for (t, _) in &unique {
        ent_hand += natalign::lexicon::entities(t).len();
        ent_uax += natalign::lexicon::entities_uax(t).len();
    }
    println!("lexicon entities found: hand-written words {ent_hand}, unicode_words {ent_uax}");
    let cues_differ = unique
        .iter()
        .filter(|(t, _)| Cues::new(t) != Cues::new_uax(t))
        .count();
    println!("cues differ (unicode_words): {cues_differ} paragraphs");
    // Cognate agreement of the aligned paragraph pairs of the corpus.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    let (mut pairs, mut dice_hand, mut dice_uax) = (0, 0.0, 0.0);
    for pair in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        let docs: Vec<_> = ["en", "fr"]
            .iter()
            .map(|l| {
                let path = format!("{root}/{pair}/{l}.txt");
                natalign::pipeline::load(&path, &std::fs::read(&path).unwrap()).unwrap()
            })
            .collect();
        let (en, fr) = natalign::pipeline::sides(&docs).unwrap();
        let a = natalign::align::align(en, fr, &Default::default());
        for u in a.units.iter().filter(|u| u.is_pair()) {
            let e = a.text(u, Lang::En);
            let f = a.text(u, Lang::Fr);
            pairs += 1;
            dice_hand += natalign::align::cues::agreement(&Cues::new(&e), &Cues::new(&f)).cognates;
            dice_uax +=
                natalign::align::cues::agreement(&Cues::new_uax(&e), &Cues::new_uax(&f)).cognates;
        }
    }
    println!(
        "cognate Dice of the {pairs} aligned corpus pairs, mean: hand-written words {:.4}, unicode_words {:.4}",
        dice_hand / pairs as f64,
        dice_uax / pairs as f64
    );

    // Timing.
    let mut paras = Vec::new();
    let mut bytes = 0;
    while bytes < mb << 20 {
        for p in &unique {
            bytes += p.0.len();
            paras.push(p.clone());
        }
    }
    let size = bytes as f64 / (1 << 20) as f64;
    println!(
        "\n== timing: {size:.1} MiB ({} paragraphs, corpus repeated), best of 5",
        paras.len()
    );
    println!("{:<56} {:>9} {:>8}", "", "MiB/s", "ms");
    let row =
        |name: &str, secs: f64| println!("{name:<56} {:>9.1} {:>8.1}", size / secs, secs * 1e3);
    row(
        "sentences: hand-written split",
        time(|| {
            for (t, l) in &paras {
                black_box(sentence::split(t, *l));
            }
        }),
    );
    row(
        "sentences: UAX #29 bounds alone (split_sentence_bound_indices)",
        time(|| {
            for (t, _) in &paras {
                black_box(t.split_sentence_bound_indices().count());
            }
        }),
    );
    row(
        "sentences: UAX #29 base + rules",
        time(|| {
            for (t, l) in &paras {
                black_box(sentence::split_uax(t, *l, false));
            }
        }),
    );
    row(
        "sentences: UAX #29 base + rules + supplement",
        time(|| {
            for (t, l) in &paras {
                black_box(sentence::split_uax(t, *l, true));
            }
        }),
    );
    row(
        "words: split on non-letters",
        time(|| {
            for (t, _) in &paras {
                black_box(hand_words(t).count());
            }
        }),
    );
    row(
        "words: unicode_words",
        time(|| {
            for (t, _) in &paras {
                black_box(t.unicode_words().count());
            }
        }),
    );
    row(
        "words: split_word_bound_indices",
        time(|| {
            for (t, _) in &paras {
                black_box(t.split_word_bound_indices().count());
            }
        }),
    );
    row(
        "langid::evidence: hand-written words",
        time(|| {
            for (t, _) in &paras {
                black_box(langid::evidence(t));
            }
        }),
    );
    row(
        "langid::evidence: unicode_words",
        time(|| {
            for (t, _) in &paras {
                black_box(langid::evidence_uax(t, false));
            }
        }),
    );
    row(
        "langid::evidence: unicode_words re-split on non-letters",
        time(|| {
            for (t, _) in &paras {
                black_box(langid::evidence_uax(t, true));
            }
        }),
    );
    row(
        "lexicon::entities: hand-written words",
        time(|| {
            for (t, _) in &paras {
                black_box(natalign::lexicon::entities(t));
            }
        }),
    );
    row(
        "lexicon::entities: unicode_words",
        time(|| {
            for (t, _) in &paras {
                black_box(natalign::lexicon::entities_uax(t));
            }
        }),
    );
    row(
        "Cues::new: hand-written words",
        time(|| {
            for (t, _) in &paras {
                black_box(Cues::new(t));
            }
        }),
    );
    row(
        "Cues::new: unicode_words",
        time(|| {
            for (t, _) in &paras {
                black_box(Cues::new_uax(t));
            }
        }),
    );
}
