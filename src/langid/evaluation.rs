//! Language identification on real and written texts: every paragraph of the
//! samples and corpus, short fragments (headings, 3–6-word lines) in document
//! context, and per language, on short and long paragraphs, the documents in
//! other languages written for these tests (tests/data/languages).
use super::*;
use crate::pipeline::load;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PAIRS: &[&str] = &[
    "nato-ottawa-agreement-1951",
    "nato-paris-protocol-1952",
    "un-udhr-1948",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

fn sample(prefix: &str) -> String {
    let dir = format!("{ROOT}/samples");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// Documents with the true language of each text paragraph: single-language
/// samples and corpus texts, seed 001, and each corpus pair as one mixed file
/// (English then French), which is the hard case for smoothing.
fn labelled_documents() -> Vec<(String, Vec<Paragraph>, Vec<Lang>)> {
    let mut docs = Vec::new();
    let mut add = |name: String, text: &str, truth: &dyn Fn(usize, usize) -> Lang| {
        let doc = load(&name, text.as_bytes()).unwrap();
        let paras: Vec<Paragraph> = doc.paragraphs.into_iter().filter(|p| p.is_text()).collect();
        let n = paras.len();
        let langs = (0..n).map(|i| truth(i, n)).collect();
        docs.push((name, paras, langs));
    };
    for s in ["000", "002", "003", "004"] {
        add(format!("sample {s}"), &sample(s), &|_, _| Lang::En);
    }
    add("sample 001".into(), &sample("001"), &|i, _| {
        if i < 5 { Lang::En } else { Lang::Fr }
    });
    for pair in PAIRS {
        let en = read(&format!("tests/data/corpus/{pair}/en.txt"));
        let fr = read(&format!("tests/data/corpus/{pair}/fr.txt"));
        add(format!("{pair}/en"), &en, &|_, _| Lang::En);
        add(format!("{pair}/fr"), &fr, &|_, _| Lang::Fr);
        let en_blocks = en.split("\n\n").filter(|b| !b.trim().is_empty()).count();
        let mixed = format!("{en}\n\n{fr}");
        add(format!("{pair}/mixed"), &mixed, &move |i, _| {
            if i < en_blocks { Lang::En } else { Lang::Fr }
        });
    }
    docs
}

#[test]
fn every_paragraph_of_samples_and_corpus_is_right() {
    for (name, paras, truth) in labelled_documents() {
        for (k, (p, want)) in paras.iter().zip(&truth).enumerate() {
            assert_eq!(
                p.lang,
                Some(*want),
                "{name} paragraph {}: {:?}",
                k + 1,
                p.text
            );
        }
    }
}

/// Short fragments: every heading-like paragraph as it is, and the first 3,
/// 4, 5 and 6 words of every other paragraph. Each is put in place of its
/// paragraph, in its document, and the document is smoothed again.
#[test]
fn short_fragments_in_document_context() {
    // (bucket, in context correct, alone correct, total)
    let mut by_len: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    for (_, paras, truth) in labelled_documents() {
        let ev: Vec<[f64; 4]> = paras.iter().map(|p| emission(&judge(&p.text))).collect();
        let costs = switch_costs(&paras.iter().map(|p| p.kind).collect::<Vec<_>>());
        for (k, p) in paras.iter().enumerate() {
            let words: Vec<&str> = p.text.split_whitespace().collect();
            let fragments: Vec<(String, String)> = if words.len() <= 6 {
                vec![(
                    format!("short line ({} words)", words.len().min(6)),
                    p.text.clone(),
                )]
            } else {
                (3..=6)
                    .map(|n| (format!("first {n} words"), words[..n].join(" ")))
                    .collect()
            };
            for (bucket, fragment) in fragments {
                let mut ev = ev.clone();
                let alone = evidence(&fragment);
                ev[k] = emission(&judge(&fragment));
                let alone = alone != 0.0 && (alone > 0.0) == (truth[k] == Lang::En);
                let class = if truth[k] == Lang::En { EN } else { FR };
                let in_context = smooth(&ev, &costs)[k].0 == class;
                if !in_context {
                    println!("MISS {fragment:?} (paragraph {})", k + 1);
                }
                let e = by_len.entry(bucket).or_default();
                e.0 += usize::from(in_context);
                e.1 += usize::from(alone);
                e.2 += 1;
            }
        }
    }
    let (mut ok, mut total) = (0, 0);
    println!("| fragments | n | in document context | alone (no smoothing) |");
    println!("|---|---|---|---|");
    for (bucket, (ctx, alone, n)) in &by_len {
        println!(
            "| {bucket} | {n} | {:.1}% | {:.1}% |",
            100.0 * *ctx as f64 / *n as f64,
            100.0 * *alone as f64 / *n as f64
        );
        ok += ctx;
        total += n;
    }
    let accuracy = ok as f64 / total as f64;
    println!("| all | {total} | {:.2}% | |", 100.0 * accuracy);
    assert!(
        accuracy >= 0.98,
        "fragment accuracy in context {accuracy:.4} < 0.98"
    );
}

/// The other-language test documents (tests/data/languages, written for
/// these tests) with their language.
const OTHER_DOCUMENTS: &[&str] = &["de", "es", "it", "pt", "nl", "pl", "ru", "uk"];

/// The class the model gives one paragraph alone (no document around it).
fn alone(text: &str) -> Option<String> {
    let labels = smooth(&[emission(&judge(text))], &[]);
    match labels[0].0 {
        EN => Some("en".into()),
        FR => Some("fr".into()),
        _ => None,
    }
}

/// Accuracy per language, on short (up to 8 words) and long paragraphs,
/// alone and in their document: every paragraph of the other-language
/// documents must come out "other" in context, and most even alone; and no
/// paragraph of an English or French document (samples, corpus, the English
/// and French versions of the test statement) may come out "other".
#[test]
fn other_languages_per_language_short_and_long() {
    // (language, short or long) -> (in context right, alone right, total)
    let mut table: std::collections::BTreeMap<(String, &str), (usize, usize, usize)> =
        Default::default();
    let mut misses = Vec::new();
    let mut add = |lang: &str, p: &Paragraph, context_right: bool, alone_right: bool| {
        let size = if p.text.split_whitespace().count() <= 8 {
            "short"
        } else {
            "long"
        };
        let e = table.entry((lang.to_string(), size)).or_default();
        e.0 += usize::from(context_right);
        e.1 += usize::from(alone_right);
        e.2 += 1;
        if !context_right {
            misses.push(format!("{lang}: {:?}", p.text));
        }
    };
    for code in OTHER_DOCUMENTS {
        let text = read(&format!("tests/data/languages/{code}.txt"));
        let doc = load(code, text.as_bytes()).unwrap();
        assert_eq!(
            doc.language_mix().other_language(),
            Some(*code),
            "{code}: the document as a whole"
        );
        for p in doc.paragraphs.iter().filter(|p| p.is_text()) {
            add(
                code,
                p,
                p.lang.is_none() && p.other.is_some(),
                alone(&p.text).is_none(),
            );
        }
    }
    let mut pair_docs: Vec<(String, String)> = ["en", "fr"]
        .iter()
        .map(|l| {
            (
                l.to_string(),
                read(&format!("tests/data/languages/{l}.txt")),
            )
        })
        .collect();
    for pair in PAIRS {
        for l in ["en", "fr"] {
            pair_docs.push((
                l.to_string(),
                read(&format!("tests/data/corpus/{pair}/{l}.txt")),
            ));
        }
    }
    for s in ["000", "002", "003", "004"] {
        pair_docs.push(("en".into(), sample(s)));
    }
    for (lang, text) in &pair_docs {
        let doc = load(lang, text.as_bytes()).unwrap();
        for p in doc.paragraphs.iter().filter(|p| p.is_text()) {
            let right = p.lang.map(|l| l.code()) == Some(lang.as_str());
            add(
                lang,
                p,
                right,
                alone(&p.text).as_deref() == Some(lang.as_str()),
            );
        }
    }
    println!("| language | paragraphs | n | in document | alone |");
    println!("|---|---|---:|---:|---:|");
    for ((lang, size), (ctx, alone, n)) in &table {
        println!(
            "| {lang} | {size} | {n} | {:.1}% | {:.1}% |",
            100.0 * *ctx as f64 / *n as f64,
            100.0 * *alone as f64 / *n as f64
        );
    }
    for m in &misses {
        println!("MISS {m}");
    }
    for ((lang, size), (ctx, _, n)) in &table {
        let need = if *size == "long" { 1.0 } else { 0.9 };
        assert!(
            *ctx as f64 / *n as f64 >= need,
            "{lang} {size}: {ctx}/{n} right in context"
        );
    }
}

/// A mixed file with a Russian block between its English and French parts:
/// every block gets its true language.
#[test]
fn a_russian_block_between_english_and_french() {
    let text = read("tests/data/languages/mixed-en-ru-fr.txt");
    let gold: Vec<String> = read("tests/data/languages/mixed-en-ru-fr.gold")
        .lines()
        .map(String::from)
        .collect();
    let doc = load("mixed", text.as_bytes()).unwrap();
    let got: Vec<String> = doc
        .paragraphs
        .iter()
        .filter(|p| p.is_text())
        .map(|p| {
            p.lang
                .map(|l| l.code().to_string())
                .or_else(|| p.other.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(got, gold);
}
