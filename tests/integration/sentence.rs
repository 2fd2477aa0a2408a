//! `natalign align --unit sentence`: the gold of `tests/data/sentences/`, the
//! splitter's traps end to end, nothing lost, and the output formats.

use std::collections::{BTreeMap, HashSet};

use crate::util::*;

/// Whitespace folded to single spaces, trimmed.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `N`, `N-M`, comma-separated.
fn index_list(spec: &str) -> HashSet<usize> {
    spec.split(',')
        .flat_map(|part| {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            a.trim().parse::<usize>().unwrap()..=b.trim().parse::<usize>().unwrap()
        })
        .collect()
}

/// A `+`-joined index column.
fn indices(cell: &str) -> Vec<usize> {
    cell.split('+')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

struct Gold {
    inputs: Vec<std::path::PathBuf>,
    en_scope: HashSet<usize>,
    fr_scope: HashSet<usize>,
    pairs: Vec<(String, String)>,
}

fn gold(case: &str) -> Gold {
    let path = root()
        .join("tests/data/sentences")
        .join(format!("{case}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut g = Gold {
        inputs: Vec::new(),
        en_scope: HashSet::new(),
        fr_scope: HashSet::new(),
        pairs: Vec::new(),
    };
    for line in text.lines() {
        if let Some(directive) = line.strip_prefix("#!") {
            let (key, value) = directive.trim().split_once(' ').unwrap();
            match key {
                "input" => g.inputs = value.split_whitespace().map(|p| root().join(p)).collect(),
                "en_index" => g.en_scope = index_list(value),
                "fr_index" => g.fr_scope = index_list(value),
                other => panic!("{case}: unknown directive {other}"),
            }
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            let (en, fr) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{case}: no tab in {line}"));
            g.pairs.push((fold(en), fold(fr)));
        }
    }
    assert!(!g.inputs.is_empty() && !g.pairs.is_empty(), "{case}");
    g
}

/// Run `align INPUTS --unit sentence` and return the CSV rows.
fn sentence_rows(inputs: &[std::path::PathBuf]) -> Vec<Row> {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align"];
    for p in inputs {
        args.push(p);
    }
    args.extend([&"--unit" as &dyn AsRef<std::ffi::OsStr>, &"sentence"]);
    let res = run(&args);
    assert!(res.status.success(), "{}", stderr(&res));
    csv_rows(&res.stdout)
}

const CASES: &[&str] = &[
    "seed-001",
    "ottawa-art3",
    "ottawa-art19",
    "paris-art7-2",
    "udhr-art26",
];

#[test]
fn gold_precision_and_recall() {
    let mut failures = Vec::new();
    let (mut all_matched, mut all_out, mut all_gold) = (0, 0, 0);
    for case in CASES {
        let g = gold(case);
        let rows = sentence_rows(&g.inputs);
        let out: Vec<(String, String)> = rows
            .iter()
            .filter(|r| {
                indices(&r["en_index"])
                    .iter()
                    .any(|i| g.en_scope.contains(i))
                    || indices(&r["fr_index"])
                        .iter()
                        .any(|i| g.fr_scope.contains(i))
            })
            .map(|r| (fold(&r["en"]), fold(&r["fr"])))
            .collect();
        let gold: HashSet<&(String, String)> = g.pairs.iter().collect();
        let matched = out.iter().filter(|p| gold.contains(p)).count();
        let precision = matched as f64 / out.len().max(1) as f64;
        let recall = matched as f64 / g.pairs.len() as f64;
        println!(
            "{case}: precision {precision:.3} ({matched}/{}), recall {recall:.3} ({matched}/{})",
            out.len(),
            g.pairs.len()
        );
        for p in out.iter().filter(|p| !gold.contains(p)) {
            println!("  not in gold: {p:?}");
        }
        if precision < 0.95 || recall < 0.95 {
            failures.push(*case);
        }
        all_matched += matched;
        all_out += out.len();
        all_gold += g.pairs.len();
    }
    println!(
        "all: precision {:.3} ({all_matched}/{all_out}), recall {:.3} ({all_matched}/{all_gold})",
        all_matched as f64 / all_out as f64,
        all_matched as f64 / all_gold as f64
    );
    assert!(failures.is_empty(), "below 0.95: {failures:?}");
}

#[test]
fn splitter_traps_end_to_end() {
    let en = [
        "Mr. Smith met Dr. Jones of the U.S. delegation on 3 Jun. 2024, as foreseen in Art. 5 and No. 3 of the annex.",
        "J. F. Kennedy once said: “We choose to go.”",
        "Spending rose by 2.5 per cent for ships, aircraft, etc. in that year… and later.",
        "Is this a conflict between the Allies?",
        "No, it is not!",
        "The agreement (see Art. 6.) remains in force.",
    ];
    let fr = [
        "M. Dupont a rencontré MM. Durand et Martin de la délégation des États-Unis le 3 juin 2024, comme prévu à l’art. 5 et au n° 3 de l’annexe.",
        "J. F. Kennedy a dit un jour : « Nous choisissons d’y aller. »",
        "Les dépenses ont augmenté de 2,5 % pour les navires, les avions, etc. cette année-là… et ensuite.",
        "Est-ce un conflit entre les Alliés\u{a0}?",
        "Non, ce n’en est pas un\u{202f}!",
        "L’accord (voir art. 6.) reste en vigueur.",
    ];
    let dir = tempfile::tempdir().unwrap();
    let (en_path, fr_path) = (dir.path().join("en.txt"), dir.path().join("fr.txt"));
    std::fs::write(&en_path, en.join(" ") + "\n").unwrap();
    std::fs::write(&fr_path, fr.join(" ") + "\n").unwrap();
    let rows = sentence_rows(&[en_path, fr_path]);
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["en_sentence"].as_str(),
                r["fr_sentence"].as_str(),
                r["en"].as_str(),
                r["fr"].as_str(),
            )
        })
        .collect();
    let want: Vec<(String, String, &str, &str)> = en
        .iter()
        .zip(fr)
        .enumerate()
        .map(|(k, (e, f))| ((k + 1).to_string(), (k + 1).to_string(), *e, f))
        .collect();
    let want: Vec<(&str, &str, &str, &str)> = want
        .iter()
        .map(|(a, b, e, f)| (a.as_str(), b.as_str(), *e, *f))
        .collect();
    assert_eq!(got, want);
}

/// For every corpus pair and seed 001: the sentence rows of each paragraph
/// unit number its sentences 1..n on each side, in order, each once, and
/// together hold the unit's whole text.
#[test]
fn every_sentence_of_every_unit_in_exactly_one_row() {
    let mut inputs: Vec<Vec<std::path::PathBuf>> = vec![vec![sample("001")]];
    for name in CORPUS {
        let pair = corpus(name);
        inputs.push(vec![pair.join("en.txt"), pair.join("fr.txt")]);
    }
    for input in inputs {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align"];
        for p in &input {
            args.push(p);
        }
        let res = run(&args);
        assert!(res.status.success());
        let paragraphs = csv_rows(&res.stdout);
        let sentences = sentence_rows(&input);
        // Paragraph unit (en_index, fr_index) → (English parts, French parts).
        type Parts = (Vec<(usize, String)>, Vec<(usize, String)>);
        let mut units: BTreeMap<(String, String), Parts> = BTreeMap::new();
        let mut order = Vec::new();
        for r in &sentences {
            let key = (r["en_index"].clone(), r["fr_index"].clone());
            if order.last() != Some(&key) {
                assert!(!units.contains_key(&key), "{key:?} not contiguous");
                order.push(key.clone());
            }
            let unit = units.entry(key).or_default();
            for (lang, parts) in [("en", &mut unit.0), ("fr", &mut unit.1)] {
                let idx = indices(&r[&format!("{lang}_sentence")]);
                let text = &r[lang];
                assert_eq!(idx.is_empty(), text.is_empty(), "{r:?}");
                if let Some(&first) = idx.first() {
                    parts.push((first, text.clone()));
                    parts.extend(idx[1..].iter().map(|&i| (i, String::new())));
                }
            }
            if r["en"].is_empty() || r["fr"].is_empty() {
                assert!(!r["note"].is_empty(), "one-sided row without note: {r:?}");
            }
        }
        let want: Vec<(String, String)> = paragraphs
            .iter()
            .map(|r| (r["en_index"].clone(), r["fr_index"].clone()))
            .collect();
        assert_eq!(order, want, "{input:?}: same paragraph units, same order");
        for p in &paragraphs {
            let unit = &units[&(p["en_index"].clone(), p["fr_index"].clone())];
            for (lang, parts) in [("en", &unit.0), ("fr", &unit.1)] {
                let idx: Vec<usize> = parts.iter().map(|&(i, _)| i).collect();
                assert_eq!(idx, (1..=idx.len()).collect::<Vec<_>>(), "{input:?} {p:?}");
                let joined = parts
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(fold(&joined), fold(&p[lang]), "{input:?}");
            }
        }
    }
}

#[test]
fn csv_columns_by_unit() {
    let header = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let res = run(args);
        assert!(res.status.success(), "{}", stderr(&res));
        stdout(&res).lines().next().unwrap().to_string()
    };
    let sample = sample("001");
    let paragraph =
        "en_number,fr_number,en_index,fr_index,en,fr,score,method,note,repairs,en_doc,fr_doc";
    assert_eq!(header(&[&"align", &sample]), paragraph);
    assert_eq!(
        header(&[&"align", &sample, &"--unit", &"paragraph"]),
        paragraph
    );
    assert_eq!(
        header(&[&"align", &sample, &"--unit", &"sentence"]),
        "en_number,fr_number,en_index,fr_index,en_sentence,fr_sentence,en,fr,score,method,note,repairs,en_doc,fr_doc"
    );
    let res = run(&[&"align", &sample, &"--unit", &"word"]);
    assert_eq!(res.status.code(), Some(2));
}

#[test]
fn sentence_tmx_validates_and_says_sentence() {
    let dir = tempfile::tempdir().unwrap();
    for (name, inputs) in [
        ("001", vec![sample("001")]),
        (
            "ottawa",
            vec![
                corpus("nato-ottawa-agreement-1951").join("en.txt"),
                corpus("nato-ottawa-agreement-1951").join("fr.txt"),
            ],
        ),
    ] {
        let out = dir.path().join(format!("{name}.tmx"));
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align"];
        for p in &inputs {
            args.push(p);
        }
        args.extend([
            &"--unit" as &dyn AsRef<std::ffi::OsStr>,
            &"sentence",
            &"-o",
            &out,
        ]);
        let res = run(&args);
        assert!(res.status.success(), "{}", stderr(&res));
        assert_valid_tmx(&out);
        let xml = std::fs::read_to_string(&out).unwrap();
        assert!(xml.contains(r#"segtype="sentence""#));
        assert!(xml.contains(r#"<prop type="x-en-sentence">1</prop>"#));
        let pairs = tmx_pairs(&xml);
        let csv = sentence_rows(&inputs);
        let csv_pairs: Vec<(String, String)> = csv
            .iter()
            .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
            .map(|r| (r["en"].clone(), r["fr"].clone()))
            .collect();
        assert_eq!(pairs, csv_pairs, "TMX and CSV hold the same sentence pairs");
    }
    let xml = std::fs::read_to_string(dir.path().join("001.tmx")).unwrap();
    assert!(xml.contains(r#"<prop type="x-fr-sentence">1+2</prop>"#));
}

#[test]
fn min_score_judges_sentences_by_their_own_score() {
    let pair = corpus("un-udhr-1948");
    let (en, fr) = (pair.join("en.txt"), pair.join("fr.txt"));
    let all = csv_rows(&run(&[&"align", &en, &fr, &"--unit", &"sentence"]).stdout);
    let is_pair = |r: &Row| !r["en"].is_empty() && !r["fr"].is_empty();
    let score = |r: &Row| r["score"].parse::<f64>().unwrap();
    let low = all.iter().filter(|r| is_pair(r) && score(r) < 0.95).count();
    assert!(low > 0, "the pair needs sentences under 0.95 for this test");
    let res = run(&[
        &"align",
        &en,
        &fr,
        &"--unit",
        &"sentence",
        &"--min-score",
        &"0.95",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let kept = csv_rows(&res.stdout);
    // Exactly the sentence pairs under the threshold are gone, whatever their
    // paragraph scored; one-sided rows stay.
    assert_eq!(kept.len(), all.len() - low);
    assert!(kept.iter().filter(|r| is_pair(r)).all(|r| score(r) >= 0.95));
    let expected: Vec<&Row> = all
        .iter()
        .filter(|r| !is_pair(r) || score(r) >= 0.95)
        .collect();
    assert_eq!(
        kept.iter()
            .map(|r| (&r["en"], &r["fr"]))
            .collect::<Vec<_>>(),
        expected
            .iter()
            .map(|r| (&r["en"], &r["fr"]))
            .collect::<Vec<_>>()
    );
    assert!(
        stderr(&res).contains(&format!("{low} pairs under --min-score left out")),
        "{}",
        stderr(&res)
    );
}
