//! Alignment beyond the happy path: the corpus pairs and seed 001, perturbed
//! the ways real pairs break, scored at block level against the gold by a Rust
//! port of `score_blocks.py` (run through the real binary).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::util::*;

/// A document pair as blocks (paragraphs), with the gold: for each English
/// block, the French blocks it corresponds to (empty: no counterpart).
#[derive(Clone)]
struct Pair {
    en: Vec<String>,
    fr: Vec<String>,
    gold: Vec<BTreeSet<usize>>,
}

impl Pair {
    fn corpus(name: &str) -> Pair {
        let dir = corpus(name);
        let blocks = |f: &str| -> Vec<String> {
            std::fs::read_to_string(dir.join(f))
                .unwrap()
                .split("\n\n")
                .filter(|b| !b.trim().is_empty())
                .map(|b| b.trim_end().to_string())
                .collect()
        };
        let (en, fr) = (blocks("en.txt"), blocks("fr.txt"));
        let mut gold = vec![BTreeSet::new(); en.len()];
        for line in std::fs::read_to_string(dir.join("gold_blocks.tsv"))
            .unwrap()
            .lines()
        {
            let mut cols = line.split('\t');
            let (a, b) = (cols.next().unwrap(), cols.next().unwrap());
            if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                gold[a - 1].insert(b - 1);
            }
        }
        Pair { en, fr, gold }
    }

    /// Seed 001, split by hand: English paragraph n ↔ French paragraph n.
    fn seed_001() -> Pair {
        let text = std::fs::read_to_string(sample("001")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let en = vec![
            lines[0..2].join("\n"),
            lines[2].into(),
            lines[3].into(),
            lines[4].into(),
            lines[5].into(),
        ];
        let fr = vec![
            lines[10..12].join("\n"),
            lines[12].into(),
            lines[13].into(),
            lines[14].into(),
            lines[15].into(),
        ];
        Pair {
            en,
            fr,
            gold: (0..5).map(|i| BTreeSet::from([i])).collect(),
        }
    }

    /// French blocks are replaced; `map` gives each old French block's new
    /// positions.
    fn remap(&mut self, fr: Vec<String>, map: &HashMap<usize, Vec<usize>>) {
        self.fr = fr;
        for g in &mut self.gold {
            *g = g
                .iter()
                .flat_map(|f| map.get(f).cloned().unwrap_or_default())
                .collect();
        }
    }

    fn identity_map(n: usize, shift: impl Fn(usize) -> Vec<usize>) -> HashMap<usize, Vec<usize>> {
        (0..n).map(|i| (i, shift(i))).collect()
    }
}

/// A French block in the middle that has at least two sentences and a
/// counterpart.
fn splittable(pair: &Pair) -> usize {
    let mid = pair.fr.len() / 2;
    (mid..pair.fr.len())
        .chain(0..mid)
        .find(|&k| {
            pair.gold.iter().any(|g| g.contains(&k)) && sentence_split_point(&pair.fr[k]).is_some()
        })
        .expect("a block with two sentences")
}

/// Byte offset of the second sentence (". " followed by a capital).
fn sentence_split_point(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..text.len().saturating_sub(2)).find(|&i| {
        bytes[i] == b'.'
            && bytes[i + 1] == b' '
            && text[i + 2..].starts_with(|c: char| c.is_uppercase())
            && i > 40
    })
}

fn strip_label(block: &str) -> String {
    let re =
        regex::Regex::new(r"^(\s*)(?:\(?[a-z]{1,3}\)|\(?\d{1,3}[.)]?|Article\s+\w+$)\s*").unwrap();
    let out = re.replace(block, "$1").into_owned();
    if out.trim().is_empty() {
        block.to_string()
    } else {
        out
    }
}

fn shift_label(block: &str) -> String {
    let re = regex::Regex::new(r"^(\s*(?:Article\s+)?)(\d{1,3})\b").unwrap();
    re.replace(block, |c: &regex::Captures| {
        format!("{}{}", &c[1], c[2].parse::<u32>().unwrap() + 1)
    })
    .into_owned()
}

/// The perturbations, each applied to the French side.
fn perturbations(base: &Pair) -> Vec<(&'static str, Pair)> {
    let n = base.fr.len();
    let mut out = Vec::new();

    let mut p = base.clone();
    p.fr = p.fr.iter().map(|b| strip_label(b)).collect();
    out.push(("numbers removed (French)", p));

    let mut p = base.clone();
    let k = n / 2;
    let mut fr = p.fr.clone();
    fr.remove(k);
    p.remap(
        fr,
        &Pair::identity_map(n, |i| match i.cmp(&k) {
            std::cmp::Ordering::Less => vec![i],
            std::cmp::Ordering::Equal => vec![],
            std::cmp::Ordering::Greater => vec![i - 1],
        }),
    );
    out.push(("one paragraph deleted", p));

    let mut p = base.clone();
    let k = splittable(&p);
    let at = sentence_split_point(&p.fr[k]).unwrap();
    let mut fr = p.fr.clone();
    let second = fr[k][at + 2..].to_string();
    fr[k].truncate(at + 1);
    fr.insert(k + 1, second);
    p.remap(
        fr,
        &Pair::identity_map(n, |i| match i.cmp(&k) {
            std::cmp::Ordering::Less => vec![i],
            std::cmp::Ordering::Equal => vec![i, i + 1],
            std::cmp::Ordering::Greater => vec![i + 1],
        }),
    );
    out.push(("one paragraph split in two", p));

    let mut p = base.clone();
    let k = (n / 3).max(1).min(n - 2);
    let mut fr = p.fr.clone();
    let next = fr.remove(k + 1);
    fr[k] = format!("{} {}", fr[k], next.trim());
    p.remap(
        fr,
        &Pair::identity_map(n, |i| if i <= k { vec![i] } else { vec![i - 1] }),
    );
    out.push(("two paragraphs merged", p));

    let mut p = base.clone();
    p.fr = p.fr.iter().map(|b| shift_label(b)).collect();
    out.push(("numbering shifted by one", p));

    let mut p = base.clone();
    let mut fr = vec![
        "Traduction non officielle".to_string(),
        "Le présent document est une traduction établie pour information ; seul le texte original fait foi. Il est publié par le Service de presse et d’information, qui en assure la diffusion auprès des délégations.".to_string(),
    ];
    fr.extend(p.fr.iter().cloned());
    p.remap(fr, &Pair::identity_map(n, |i| vec![i + 2]));
    out.push(("extra untranslated French preamble", p));
    out
}

/// Block-level precision, recall and F1 of an `align` CSV, as score_blocks.py
/// computes them (paragraph indices stand for blocks: one paragraph per block).
fn score(rows: &[Row], gold: &[BTreeSet<usize>]) -> (f64, f64, f64) {
    let idx = |s: &str| -> BTreeSet<usize> {
        s.split('+')
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<usize>().unwrap() - 1)
            .collect()
    };
    let (mut correct, mut pairs) = (0, 0);
    let mut covered: BTreeSet<usize> = BTreeSet::new();
    for r in rows {
        let (e, f) = (idx(&r["en_index"]), idx(&r["fr_index"]));
        if e.is_empty() || f.is_empty() {
            continue;
        }
        pairs += 1;
        let mapped: BTreeSet<usize> = e.iter().flat_map(|&i| gold[i].iter().copied()).collect();
        if !mapped.is_empty()
            && mapped.is_subset(&f)
            && f.iter().all(|j| e.iter().any(|&i| gold[i].contains(j)))
        {
            correct += 1;
            covered.extend(e.iter().filter(|&&i| !gold[i].is_empty()));
        }
    }
    let wanted = gold.iter().filter(|g| !g.is_empty()).count();
    let p = if pairs == 0 {
        0.0
    } else {
        correct as f64 / pairs as f64
    };
    let r = if wanted == 0 {
        0.0
    } else {
        covered.len() as f64 / wanted as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f1)
}

fn run_pair(pair: &Pair, dir: &Path, name: &str) -> Vec<Row> {
    let en = dir.join(format!("{name}.en.txt"));
    let fr = dir.join(format!("{name}.fr.txt"));
    std::fs::write(&en, pair.en.join("\n\n") + "\n").unwrap();
    std::fs::write(&fr, pair.fr.join("\n\n") + "\n").unwrap();
    let res = run(&[&"align", &en, &fr]);
    assert!(res.status.success(), "{name}: {}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    // Each block must be one paragraph for index scoring to be block scoring.
    let count = |lang: &str| {
        rows.iter()
            .flat_map(|r| {
                r[&format!("{lang}_index")]
                    .split('+')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .count()
    };
    assert_eq!(
        count("en"),
        pair.en.len(),
        "{name}: English blocks are paragraphs"
    );
    assert_eq!(
        count("fr"),
        pair.fr.len(),
        "{name}: French blocks are paragraphs"
    );
    rows
}

#[test]
fn corpus_pairs_score_one_at_block_level() {
    let dir = tempfile::tempdir().unwrap();
    for name in CORPUS {
        let pair = Pair::corpus(name);
        let rows = run_pair(&pair, dir.path(), name);
        let (p, r, f1) = score(&rows, &pair.gold);
        println!("| {name} | unperturbed | {p:.4} | {r:.4} | {f1:.4} |");
        assert_eq!(f1, 1.0, "{name}: P {p} R {r}");
    }
}

#[test]
fn perturbation_suite() {
    // NATALIGN_PERTURB_DIR keeps the perturbed pairs (scripts/check-identical
    // aligns them with two builds and compares the CSVs).
    let tmp = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("NATALIGN_PERTURB_DIR").map(std::path::PathBuf::from);
    if let Some(k) = &keep {
        std::fs::create_dir_all(k).unwrap();
    }
    let dir: &Path = keep.as_deref().unwrap_or(tmp.path());
    let mut bases: Vec<(String, Pair)> = CORPUS
        .iter()
        .map(|n| (n.to_string(), Pair::corpus(n)))
        .collect();
    bases.push(("seed-001".into(), Pair::seed_001()));
    let mut failures = Vec::new();
    for (base_name, base) in &bases {
        for (what, pair) in perturbations(base) {
            let tag = format!("{base_name}-{}", what.replace(' ', "-"));
            let rows = run_pair(&pair, dir, &tag);
            let (p, r, f1) = score(&rows, &pair.gold);
            println!("| {base_name} | {what} | {p:.4} | {r:.4} | {f1:.4} |");
            if f1 < 0.98 {
                failures.push(format!("{tag}: F1 {f1:.4}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The scorer can fail: pairing by position, as a naive aligner would, scores
/// low on the UDHR (one English block has no French counterpart) and on a
/// perturbed pair.
#[test]
fn scorer_rejects_positional_pairing() {
    let positional = |pair: &Pair| -> Vec<Row> {
        (0..pair.en.len().min(pair.fr.len()))
            .map(|i| {
                Row::from([
                    ("en_index".to_string(), (i + 1).to_string()),
                    ("fr_index".to_string(), (i + 1).to_string()),
                ])
            })
            .collect()
    };
    let udhr = Pair::corpus("un-udhr-1948");
    let (_, _, f1) = score(&positional(&udhr), &udhr.gold);
    assert!(f1 < 0.2, "positional F1 on the UDHR: {f1}");
    let ottawa = Pair::corpus("nato-ottawa-agreement-1951");
    let (_, _, f1) = score(&positional(&ottawa), &ottawa.gold);
    assert_eq!(f1, 1.0, "the Ottawa pair is 1:1 by position");
    for (what, pair) in perturbations(&ottawa) {
        let (_, _, f1) = score(&positional(&pair), &pair.gold);
        if what != "numbers removed (French)" && what != "numbering shifted by one" {
            assert!(f1 < 0.9, "{what}: positional F1 {f1}");
        }
    }
}
