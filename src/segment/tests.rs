use super::*;
use crate::document::ParagraphKind as K;

fn sample(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn kinds(paras: &[Paragraph]) -> Vec<K> {
    paras.iter().map(|p| p.kind).collect()
}

#[test]
fn seed_000_title_metadata_five_numbered() {
    let paras = segment(&sample("000"));
    assert_eq!(
        kinds(&paras),
        [
            K::Title,
            K::Metadata,
            K::Numbered,
            K::Numbered,
            K::Numbered,
            K::Numbered,
            K::Numbered
        ]
    );
    assert_eq!(paras[1].text, "Source: NATO");
    assert!(
        paras[2]
            .text
            .starts_with("We strongly condemn Russia’s malicious")
    );
    // "(GRU).\u{a0} We recall": a run of NBSP + space folds to one space.
    assert!(paras[2].text.contains("(GRU). We recall"));
    assert_eq!(paras[3].label.as_deref(), Some("2."));
    assert_eq!(paras[3].key, Some(NumberKey("2".into())));
}

#[test]
fn seed_001_paragraph_broken_over_two_lines_is_one() {
    let paras = segment(&sample("001"));
    let text: Vec<&Paragraph> = paras.iter().filter(|p| p.is_text()).collect();
    assert_eq!(text.len(), 10);
    assert!(text.iter().all(|p| p.kind == K::Numbered));
    assert!(text[0].text.starts_with("We strongly condemn"));
    assert!(text[0].text.contains("cyber and wider hybrid threats"));
    assert_eq!(text[0].lines, 1..3);
    assert!(text[5].text.starts_with("Nous condamnons fermement"));
    assert!(text[5].text.contains("Ces attributions, et le fait"));
    let noise: Vec<&Paragraph> = paras.iter().filter(|p| !p.is_text()).collect();
    assert_eq!(noise.len(), 9);
    assert!(
        noise
            .iter()
            .all(|p| p.reason.as_deref() == Some("table remnant or rule line"))
    );
}

#[test]
fn seed_002_heading_metadata_six_numbered() {
    let paras = segment(&sample("002"));
    assert_eq!(
        kinds(&paras),
        [
            K::Heading,
            K::Metadata,
            K::Numbered,
            K::Numbered,
            K::Numbered,
            K::Numbered,
            K::Numbered,
            K::Numbered
        ]
    );
    assert_eq!(
        paras[0].text,
        "Statement by the North Atlantic Council concerning malicious cyber activities"
    );
    assert!(paras[1].text.starts_with("03 Jun. 2020 - | Press Release"));
}

#[test]
fn seed_003_pdf_extraction_four_clean_paragraphs() {
    let paras = segment(&sample("003"));
    assert_eq!(kinds(&paras), [K::Numbered; 4]);
    assert!(paras[1].text.contains(
        "which is affected by both state and non-state actors, including state-sponsored. We remain"
    ));
    assert!(paras[3].text.contains("with like-minded partners"));
    assert!(
        paras[0]
            .text
            .starts_with("We observe with increasing concern")
    );
    assert!(paras[0].text.ends_with("software supply chains."));
    assert!(paras.iter().all(|p| !p.text.contains("  ")));
}

#[test]
fn seed_004_title_and_six_body_paragraphs() {
    let paras = segment(&sample("004"));
    assert_eq!(
        kinds(&paras),
        [
            K::Title,
            K::Body,
            K::Body,
            K::Body,
            K::Body,
            K::Body,
            K::Body
        ]
    );
}

#[test]
fn corpus_blocks_are_paragraphs_and_articles_have_equal_keys() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    for pair in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        let mut keys = Vec::new();
        for lang in ["en", "fr"] {
            let text = std::fs::read_to_string(format!("{root}/{pair}/{lang}.txt")).unwrap();
            let blocks = text.split("\n\n").filter(|b| !b.trim().is_empty()).count();
            let paras = segment(&text);
            assert_eq!(
                paras.len(),
                blocks,
                "{pair} {lang}: one paragraph per block"
            );
            let articles: Vec<String> = paras
                .iter()
                .filter_map(|p| p.key.as_ref())
                .map(|k| k.0.clone())
                .filter(|k| {
                    k.starts_with("Article ") && !k.contains(' ')
                        || k.split(' ').count() == 2 && k.starts_with("Article")
                })
                .collect();
            keys.push(articles);
        }
        assert_eq!(keys[0], keys[1], "{pair}: article keys differ");
        let gold = std::fs::read_to_string(format!("{root}/{pair}/gold.tsv")).unwrap();
        for line in gold.lines() {
            let en = line.split('\t').next().unwrap();
            assert!(
                keys[0].contains(&format!("Article {en}")),
                "{pair}: Article {en} missing"
            );
        }
    }
}

#[test]
fn items_keep_their_article_as_context() {
    let en = segment(
        "Article 1\n\nIn the present Agreement,\n\n  (a) the Organisation means it;\n\n  (b) the Council means it.\n\nArticle 8\n\n1 Without being restricted,\n\n  (a) the Organisation may hold currency;\n",
    );
    let fr = segment(
        "Article premier\n\nDans la présente Convention,\n\n  a) l’Organisation désigne;\n\n  b) le Conseil signifie.\n\nArticle 8\n\n1 Sans être astreinte :\n\n  a) l’Organisation peut détenir;\n",
    );
    let keys = |ps: &[Paragraph]| {
        ps.iter()
            .map(|p| p.key.as_ref().map(|k| k.0.clone()))
            .collect::<Vec<_>>()
    };
    let want = [
        Some("Article 1"),
        None,
        Some("Article 1 (a)"),
        Some("Article 1 (b)"),
        Some("Article 8"),
        Some("Article 8 1"),
        Some("Article 8 1 (a)"),
    ]
    .map(|k| k.map(String::from));
    assert_eq!(keys(&en), want);
    assert_eq!(keys(&fr), want);
    assert_eq!(en[0].kind, K::Heading);
    assert_eq!(en[0].text, "Article 1");
    assert_eq!(en[2].text, "the Organisation means it;");
    assert_eq!(fr[2].label.as_deref(), Some("a)"));
}

#[test]
fn hyphens_judged_from_the_documents_vocabulary() {
    let text = "1. The threats are destruc-\ntive and the partners like-\nminded; a state-\nsponsored actor and another state sponsored one.\n";
    let paras = segment(text);
    assert_eq!(
        paras[0].text,
        "The threats are destructive and the partners like-minded; a state-sponsored actor and another state sponsored one."
    );
}

#[test]
fn page_break_furniture_is_noise_and_does_not_split() {
    let text = "1. The Alliance will continue to adapt to the evolving threat landscape, which is affected by both\nstate and\n\n12\n\x0cNATO UNCLASSIFIED\n\nnon-state actors. We remain committed to strong national cyber defences and more text here.\n\n2. Next paragraph text that is long enough to be wrapped at the same width as the others.\nNATO UNCLASSIFIED\n\x0c\nNATO UNCLASSIFIED\n";
    let paras = segment(text);
    let text_paras: Vec<&Paragraph> = paras.iter().filter(|p| p.is_text()).collect();
    assert_eq!(text_paras.len(), 2, "{paras:#?}");
    assert!(
        text_paras[0]
            .text
            .contains("both state and non-state actors.")
    );
    let reasons: Vec<&str> = paras.iter().filter_map(|p| p.reason.as_deref()).collect();
    assert!(reasons.contains(&"page number"));
    assert!(reasons.contains(&"running header or footer"));
}

#[test]
fn clean_folds_whitespace_but_keeps_french_typography() {
    assert_eq!(clean("a  b\t\tc"), "a b c");
    assert_eq!(clean("Sont convenus :\u{a0} x"), "Sont convenus : x");
    assert_eq!(clean("suit\u{a0}: la"), "suit\u{a0}: la");
    assert_eq!(
        clean("« la\u{202f}Convention\u{202f}»"),
        "« la\u{202f}Convention\u{202f}»"
    );
    assert_eq!(
        clean("ef\u{fb01}cace, soft\u{ad}hyphen, bell\x07"),
        "efficace, softhyphen, bell"
    );
    assert_eq!(clean("e\u{301}tat"), "état");
}

#[test]
fn every_non_whitespace_character_is_in_one_span() {
    for name in ["000", "001", "002", "003", "004"] {
        let text = sample(name);
        let paras = segment(&text);
        let mut covered = vec![false; text.len()];
        for p in &paras {
            for (i, c) in text[p.span.clone()].char_indices() {
                assert!(
                    !covered[p.span.start + i],
                    "{name}: overlap at {}",
                    p.span.start + i
                );
                covered[p.span.start + i] = !c.is_whitespace();
            }
        }
        for (i, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "{name}: {c:?} at {i} is in no paragraph"
            );
        }
    }
}
