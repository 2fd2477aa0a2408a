//! `natalign align` on the bundled samples and the corpus.

use crate::util::*;

fn check_seed_001_units(en: &[String], fr: &[String]) {
    assert_eq!(en.len(), 5, "exactly five units");
    assert_eq!(fr.len(), 5);
    assert!(en[0].starts_with("We strongly condemn"), "{}", en[0]);
    assert!(fr[0].starts_with("Nous condamnons fermement"), "{}", fr[0]);
    // The file breaks English paragraph 1 over two lines: still one unit.
    assert!(en[0].contains("cyber and wider hybrid threats"));
    assert!(en[0].ends_with("war of aggression against Ukraine."));
    assert!(
        fr[0].ends_with("en l’absence de toute provocation."),
        "{}",
        fr[0]
    );
    // Lossy mojibake repaired (issue 3): apostrophes, capitals, dashes.
    for want in [
        "l’Estonie",
        "des États-Unis",
        "qu’en 2024",
        "d’autres",
        "l’Ukraine",
        "attribué – à titre individuel – de pareils",
    ] {
        assert!(fr[0].contains(want), "{want:?} missing in {}", fr[0]);
    }
    assert!(en[0].contains("Russia’s malicious"));
    assert!(en[1].contains("Allies’ support"));
    for text in en.iter().chain(fr) {
        assert!(!text.contains(['Ã', 'Å', 'â']), "mojibake left in {text}");
    }
    let starts = [
        ("We call on Russia", "Nous demandons"),
        ("NATO stands for", "OTAN"),
        ("We remain united", "Nous restons unis"),
        ("We are determined", "Nous sommes déterminés"),
    ];
    for (k, (e, f)) in starts.iter().enumerate() {
        assert!(en[k + 1].starts_with(e), "en {}: {}", k + 2, en[k + 1]);
        assert!(fr[k + 1].contains(f), "fr {}: {}", k + 2, fr[k + 1]);
    }
    for text in en.iter().chain(fr) {
        assert!(
            !text.contains('|') && !text.contains("---"),
            "table remnant in {text}"
        );
    }
}

#[test]
fn seed_001_csv_has_five_pairs_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let res = run(&[&"align", &sample("001"), &"-o", &out]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&std::fs::read(&out).unwrap());
    for (n, row) in rows.iter().enumerate() {
        let n = (n + 1).to_string();
        assert_eq!(row["en_index"], n);
        assert_eq!(row["fr_index"], n);
        assert_eq!(row["en_number"], n);
        assert_eq!(row["fr_number"], n);
        assert_eq!(row["method"], "anchor");
        assert_eq!(row["note"], "");
        assert!(
            row["repairs"].parse::<usize>().unwrap() > 0,
            "every unit of 001 has repairs"
        );
        let score: f64 = row["score"].parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    let en: Vec<String> = rows.iter().map(|r| r["en"].clone()).collect();
    let fr: Vec<String> = rows.iter().map(|r| r["fr"].clone()).collect();
    check_seed_001_units(&en, &fr);
    // The printed label is not part of the text.
    assert!(!en[1].starts_with("2."));
    let err = stderr(&res);
    assert!(err.contains("5 pairs"), "{err}");
    assert!(err.contains("9 noise lines dropped"), "{err}");
}

#[test]
fn seed_001_tmx_validates_and_holds_the_same_units() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    let res = run(&[&"align", &sample("001"), &"-o", &out]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert_valid_tmx(&out);
    let xml = std::fs::read_to_string(&out).unwrap();
    let pairs = tmx_pairs(&xml);
    let (en, fr): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
    check_seed_001_units(&en, &fr);
    for attr in [
        r#"creationtool="natalign""#,
        r#"segtype="paragraph""#,
        r#"srclang="en""#,
        r#"datatype="plaintext""#,
        r#"adminlang="en""#,
        r#"o-tmf="natalign""#,
        r#"creationdate="20231114T221320Z""#,
        r#"<tuv xml:lang="fr">"#,
        r#"<prop type="x-method">anchor</prop>"#,
        r#"<prop type="x-en-number">3</prop>"#,
        r#"<prop type="x-repairs">22</prop>"#,
    ] {
        assert!(xml.contains(attr), "missing {attr}");
    }
    // CSV and TMX agree on the texts.
    let csv = run(&[&"align", &sample("001")]);
    let rows = csv_rows(&csv.stdout);
    let csv_en: Vec<String> = rows.iter().map(|r| r["en"].clone()).collect();
    assert_eq!(csv_en, en);
}

#[test]
fn two_documents_in_either_order_give_the_same_alignment() {
    let pair = corpus("nato-paris-protocol-1952");
    let a = run(&[&"align", &pair.join("en.txt"), &pair.join("fr.txt")]);
    let b = run(&[&"align", &pair.join("fr.txt"), &pair.join("en.txt")]);
    assert!(a.status.success() && b.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let rows = csv_rows(&a.stdout);
    assert_eq!(rows.len(), 68);
    assert!(rows.iter().all(|r| r["en_index"] == r["fr_index"]));
    let art1 = rows.iter().find(|r| r["en"] == "Article 1").unwrap();
    assert_eq!(art1["fr"], "Article 1");
    assert_eq!(art1["method"], "anchor");
}

#[test]
fn corpus_article_headings_pair_across_numbering_styles() {
    let pair = corpus("un-udhr-1948");
    let res = run(&[&"align", &pair.join("en.txt"), &pair.join("fr.txt")]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    let art1 = rows.iter().find(|r| r["en"] == "Article 1").unwrap();
    assert_eq!(art1["fr"], "Article premier");
    assert_eq!(art1["en_number"], "Article 1");
    assert_eq!(art1["fr_number"], "Article premier");
}

#[test]
fn stdin_input_and_stdout_output() {
    let bytes = std::fs::read(sample("001")).unwrap();
    let res = run_stdin(&["align", "-", "--format", "tmx"], &bytes);
    assert!(res.status.success(), "{}", stderr(&res));
    let xml = stdout(&res);
    assert!(xml.starts_with("<?xml"));
    assert_eq!(tmx_pairs(&xml).len(), 5);
    assert!(xml.contains(r#"<prop type="x-en-document">-</prop>"#));
}

#[test]
fn format_flag_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aligned.data");
    let res = run(&[&"align", &sample("001"), &"-o", &out, &"--format", &"csv"]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("en_number,fr_number,")
    );
    let res = run(&[&"align", &sample("001"), &"-o", &out]);
    assert_eq!(
        res.status.code(),
        Some(2),
        "unknown extension without --format is a usage error"
    );
}

#[test]
fn output_is_reproducible_with_source_date_epoch() {
    let a = run(&[&"align", &sample("001"), &"--format", &"tmx"]);
    let b = run(&[&"align", &sample("001"), &"--format", &"tmx"]);
    assert_eq!(a.stdout, b.stdout);
}

/// Blocks of a corpus text (blank-line separated), as the gold counts them.
fn block_count(path: &std::path::Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .count()
}

#[test]
fn corpus_every_paragraph_in_exactly_one_unit_and_tmx_valid() {
    let dir = tempfile::tempdir().unwrap();
    for name in CORPUS {
        let pair = corpus(name);
        let res = run(&[&"align", &pair.join("en.txt"), &pair.join("fr.txt")]);
        assert!(res.status.success(), "{name}: {}", stderr(&res));
        let rows = csv_rows(&res.stdout);
        for lang in ["en", "fr"] {
            let mut seen: Vec<usize> = rows
                .iter()
                .flat_map(|r| {
                    r[&format!("{lang}_index")]
                        .split('+')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.parse::<usize>().unwrap())
                        .collect::<Vec<_>>()
                })
                .collect();
            seen.sort();
            let blocks = block_count(&pair.join(format!("{lang}.txt")));
            assert_eq!(seen, (1..=blocks).collect::<Vec<_>>(), "{name} {lang}");
        }
        let tmx = dir.path().join(format!("{name}.tmx"));
        let res = run(&[
            &"align",
            &pair.join("en.txt"),
            &pair.join("fr.txt"),
            &"-o",
            &tmx,
        ]);
        assert!(res.status.success());
        assert_valid_tmx(&tmx);
        let pairs = tmx_pairs(&std::fs::read_to_string(&tmx).unwrap());
        assert_eq!(
            pairs.len(),
            rows.iter()
                .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
                .count()
        );
    }
}

#[test]
fn forced_anchors_are_kept_and_the_rest_aligned_around_them() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-paris-protocol-1952");
    // A deliberate correction: say English 6 is French 7 (and by key).
    let anchors = dir.path().join("anchors.tsv");
    std::fs::write(&anchors, "# en\tfr\n6\t7\nArticle 16\tArticle 16\n").unwrap();
    let res = run(&[
        &"align",
        &pair.join("en.txt"),
        &pair.join("fr.txt"),
        &"--anchors",
        &anchors,
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    let forced: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r["method"] == "forced")
        .map(|r| (r["en_index"].clone(), r["fr_index"].clone()))
        .collect();
    assert_eq!(forced.len(), 2);
    assert_eq!(forced[0], ("6".to_string(), "7".to_string()));
    assert_eq!(
        rows.iter().find(|r| r["en"] == "Article 16").unwrap()["method"],
        "forced"
    );
    // Far from the forced pair, the alignment is untouched.
    let r = rows.iter().find(|r| r["en_index"] == "30").unwrap();
    assert_eq!(r["fr_index"], "30");
    // Every paragraph still appears exactly once.
    let mut fr: Vec<usize> = rows
        .iter()
        .flat_map(|r| {
            r["fr_index"]
                .split('+')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect::<Vec<usize>>()
        })
        .collect();
    fr.sort();
    assert_eq!(fr, (1..=68).collect::<Vec<_>>());
}

#[test]
fn bad_anchors_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-paris-protocol-1952");
    for (content, message) in [
        ("6\t7\n5\t9\n", "cross each other"),
        (
            "1\tArticle 99\n",
            "line 1: French number key \"Article 99\" not found",
        ),
        ("1\t2\t3\n", "line 1: expected two tab-separated fields"),
    ] {
        let anchors = dir.path().join("anchors.tsv");
        std::fs::write(&anchors, content).unwrap();
        let out = dir.path().join("out.csv");
        let res = run(&[
            &"align",
            &pair.join("en.txt"),
            &pair.join("fr.txt"),
            &"--anchors",
            &anchors,
            &"-o",
            &out,
        ]);
        assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
        let err = stderr(&res);
        assert!(
            err.contains("anchors.tsv: bad anchors file") && err.contains(message),
            "{err}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn min_score_filters_and_reports() {
    let udhr = corpus("un-udhr-1948");
    let (en, fr) = (udhr.join("en.txt"), udhr.join("fr.txt"));
    let all = csv_rows(&run(&[&"align", &en, &fr]).stdout);
    let pair = |r: &Row| !r["en"].is_empty() && !r["fr"].is_empty();
    let low = all
        .iter()
        .filter(|r| pair(r) && r["score"].parse::<f64>().unwrap() < 0.95)
        .count();
    assert!(
        low > 0 && low < all.len(),
        "the pair needs both kinds for this test"
    );
    let res = run(&[&"align", &en, &fr, &"--min-score", &"0.95"]);
    assert!(res.status.success());
    let kept = csv_rows(&res.stdout);
    assert_eq!(kept.len(), all.len() - low);
    assert!(
        kept.iter()
            .filter(|r| pair(r))
            .all(|r| r["score"].parse::<f64>().unwrap() >= 0.95)
    );
    assert!(
        stderr(&res).contains(&format!("{low} pairs under --min-score left out")),
        "{}",
        stderr(&res)
    );
    // The summary counts the rows written, not those left out.
    let n = kept.len();
    let pairs = kept.iter().filter(|r| pair(r)).count();
    let one_sided = n - pairs;
    assert!(
        stderr(&res).starts_with(&format!("natalign: {n} units: {pairs} pairs, {one_sided} English only, 0 French only; {n} written")),
        "{}",
        stderr(&res)
    );
    let res = run(&[&"align", &sample("001"), &"--min-score", &"1.5"]);
    assert_eq!(res.status.code(), Some(2));
}

/// `--keep-labels` writes segments as printed, in `align` and `corpus`, at
/// paragraph and sentence units; without it labels are left to the number
/// columns. Headings hold their label either way.
#[test]
fn keep_labels_writes_segments_as_printed() {
    let pair = corpus("nato-ottawa-agreement-1951");
    let (en, fr) = (pair.join("en.txt"), pair.join("fr.txt"));
    // (en_index, sentence or "", en, fr) of the rows looked at.
    let texts = |args: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<(String, String, String, String)> {
        let res = run(args);
        assert!(res.status.success(), "{}", stderr(&res));
        csv_rows(&res.stdout)
            .into_iter()
            .filter(|r| ["17", "26", "28", "56"].contains(&r["en_index"].as_str()))
            .map(|r| {
                let sentence = r.get("en_sentence").cloned().unwrap_or_default();
                (
                    r["en_index"].clone(),
                    sentence,
                    r["en"].clone(),
                    r["fr"].clone(),
                )
            })
            .collect()
    };
    let row = |i: &str, s: &str, en: &str, fr: &str| {
        (i.to_string(), s.to_string(), en.to_string(), fr.to_string())
    };
    let heading = |s| {
        [
            row(
                "17",
                s,
                "PART II The Organisation",
                "TITRE II L’organisation",
            ),
            row("26", s, "Article 8", "Article 8"),
        ]
    };
    const EN_2: &str = "Where the legal incidence of any form of taxation depends upon residence, a period during which a representative to whom this Article applies is present in the territory of another Member State for the discharge of his duties shall not be considered as a period of residence.";
    const FR_2: &str = "Lorsque l’assujettissement à un impôt quelconque dépend de la résidence, la période au cours de laquelle le représentant visé par le présent Article se trouve, pour l’exercice de ses fonctions, sur le territoire d’un autre État membre, ne sera pas considérée comme période de résidence.";
    const EN_2B: &str = "In particular, he shall be exempt from taxation on his official salary and emoluments during such periods of duty.";
    const FR_2B: &str = "En particulier, ses appointements officiels et ses émoluments seront exempts d’impôts au cours de cette période.";
    const EN_A: &str =
        "the Organisation may hold currency of any kind and operate accounts in any currency;";
    const FR_A: &str = "l’Organisation peut détenir des devises quelconques et avoir des comptes en n’importe quelle monnaie;";

    let mut want = heading("").to_vec();
    want.push(row("28", "", EN_A, FR_A));
    want.push(row(
        "56",
        "",
        &format!("{EN_2} {EN_2B}"),
        &format!("{FR_2} {FR_2B}"),
    ));
    assert_eq!(texts(&[&"align", &en, &fr, &"-q"]), want);

    let mut want = heading("").to_vec();
    want.push(row("28", "", &format!("(a) {EN_A}"), &format!("a) {FR_A}")));
    want.push(row(
        "56",
        "",
        &format!("2 {EN_2} {EN_2B}"),
        &format!("2 {FR_2} {FR_2B}"),
    ));
    assert_eq!(texts(&[&"align", &en, &fr, &"-q", &"--keep-labels"]), want);

    // Sentence units: the label opens the paragraph's first sentence only.
    let mut want = heading("1").to_vec();
    want.push(row(
        "28",
        "1",
        &format!("(a) {EN_A}"),
        &format!("a) {FR_A}"),
    ));
    want.push(row("56", "1", &format!("2 {EN_2}"), &format!("2 {FR_2}")));
    want.push(row("56", "2", EN_2B, FR_2B));
    assert_eq!(
        texts(&[
            &"align",
            &en,
            &fr,
            &"-q",
            &"--keep-labels",
            &"--unit",
            &"sentence"
        ]),
        want
    );

    // Corpus mode, as align.
    let res = run(&[
        &"corpus",
        &pair,
        &"--exclude",
        &"*.tsv",
        &"-q",
        &"--keep-labels",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    let find = |en: &str| rows.iter().find(|r| r["en"] == en).map(|r| r["fr"].clone());
    assert_eq!(find(&format!("(a) {EN_A}")), Some(format!("a) {FR_A}")));
    assert_eq!(find("Article 8"), Some("Article 8".to_string()));
    assert_eq!(find(EN_A), None);
}

#[test]
fn scores_are_a_confidence_right_pairs_high_forced_wrong_pairs_low() {
    // On the three official pairs, aligned entirely right, no pair scores
    // under 0.5 and numbered (anchor) pairs whose content agrees score 0.9
    // or more, whatever their lengths.
    for name in CORPUS {
        let pair = corpus(name);
        let rows = csv_rows(&run(&[&"align", &pair.join("en.txt"), &pair.join("fr.txt")]).stdout);
        let pairs: Vec<&Row> = rows
            .iter()
            .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
            .collect();
        let score = |r: &Row| r["score"].parse::<f64>().unwrap();
        assert!(
            pairs.iter().all(|r| score(r) >= 0.5),
            "{name}: a right pair under 0.5"
        );
        let anchors: Vec<f64> = pairs
            .iter()
            .filter(|r| r["method"] == "anchor")
            .map(|r| score(r))
            .collect();
        assert!(!anchors.is_empty());
        assert!(anchors.iter().all(|&s| s >= 0.9), "{name}: {anchors:?}");
    }
    // Pairs forced one paragraph off score low: what --anchors forces is
    // kept, but not vouched for.
    let dir = tempfile::tempdir().unwrap();
    let anchors = dir.path().join("anchors.tsv");
    std::fs::write(&anchors, "20\t21\n40\t41\n60\t61\n").unwrap();
    let ottawa = corpus("nato-ottawa-agreement-1951");
    let rows = csv_rows(
        &run(&[
            &"align",
            &ottawa.join("en.txt"),
            &ottawa.join("fr.txt"),
            &"--anchors",
            &anchors,
        ])
        .stdout,
    );
    let forced: Vec<f64> = rows
        .iter()
        .filter(|r| r["method"] == "forced")
        .map(|r| r["score"].parse::<f64>().unwrap())
        .collect();
    assert_eq!(forced.len(), 3);
    assert!(forced.iter().all(|&s| s < 0.5), "{forced:?}");
}

#[test]
fn a_glossary_term_decides_a_pairing() {
    // Two English paragraphs, one French: its translation is the second,
    // which the lengths do not say (the first is nearer the French's
    // length); no number, name or cognate says it either. The glossary's
    // `staff` → `personnel` does.
    let dir = root().join("tests/data/glossary");
    let (en, fr) = (dir.join("staff-en.txt"), dir.join("staff-fr.txt"));
    let pairs = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align", &en, &fr];
        args.extend_from_slice(extra);
        let res = run(&args);
        assert!(res.status.success(), "{}", stderr(&res));
        csv_rows(&res.stdout)
            .into_iter()
            .filter(|r| !r["fr_index"].is_empty() && !r["en_index"].is_empty())
            .map(|r| (r["en_index"].clone(), r["score"].parse::<f64>().unwrap()))
            .collect::<Vec<_>>()
    };
    let without = pairs(&[]);
    assert_eq!(without.len(), 1);
    assert_eq!(without[0].0, "1", "without the glossary the lengths win");
    let with = pairs(&[&"--glossary", &dir.join("staff.csv")]);
    assert_eq!(with.len(), 1);
    assert_eq!(with[0].0, "2", "the glossary term pairs the translation");
    assert!(
        with[0].1 > without[0].1 && with[0].1 > 0.8,
        "{with:?} {without:?}"
    );
}
