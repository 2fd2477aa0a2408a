use super::*;
use crate::align::align;
use crate::check::{ALIGN_OPTIONS, CheckOptions, Severity, check, units_of};
use crate::pipeline::{load, sides};

/// A document pair of `(English, French)` units.
fn document(pairs: &[(&str, &str)]) -> Vec<CheckUnit> {
    pairs
        .iter()
        .enumerate()
        .map(|(k, (en, fr))| CheckUnit::from_texts("d", k + 1, &format!("{}", k + 1), en, fr))
        .collect()
}

/// The findings of a document pair, as (unit, rule, message).
fn findings(pairs: &[(&str, &str)]) -> Vec<(usize, Rule, String)> {
    check(&document(pairs), &CheckOptions::default())
        .into_iter()
        .map(|f| (f.unit, f.rule, f.message))
        .collect()
}

fn one(en: &str, fr: &str) -> Vec<(usize, Rule, String)> {
    findings(&[(en, fr)])
}

#[test]
fn demonyms_count_as_their_country() {
    for (en, fr) in [
        (
            "Talks continued on the United States side of the border.",
            "Les pourparlers se sont poursuivis du côté américain de la frontière.",
        ),
        (
            "The Dominion of Canada signed the Agreement.",
            "Le Dominion canadien a signé l’Accord.",
        ),
        (
            "We condemn Russian malicious cyber activities.",
            "Nous condamnons la cybermalveillance russe.",
        ),
        (
            "We condemn Russian malicious cyber activities.",
            "Nous condamnons les actes de cybermalveillance de la Russie.",
        ),
        (
            "We condemn Russia’s malicious cyber activities.",
            "Nous condamnons la cybermalveillance russe.",
        ),
        (
            "German and French troops arrived.",
            "Des troupes de l’Allemagne et de la France sont arrivées.",
        ),
    ] {
        assert_eq!(one(en, fr), [], "{en} / {fr}");
    }
}

#[test]
fn a_demonym_alone_is_never_a_finding() {
    // The adjective dropped: a rephrasing, not a missing name.
    assert_eq!(
        one(
            "Russian forces withdrew from the area.",
            "Les forces se sont retirées de la zone."
        ),
        []
    );
}

#[test]
fn a_spelled_out_acronym_is_the_same_entity() {
    for (en, fr) in [
        (
            "through the Tallinn Mechanism and IT capability coalition.",
            "au travers du mécanisme de Tallinn et de la coalition Informatique.",
        ),
        (
            "investing in IT systems",
            "investir dans les technologies de l’information",
        ),
        (
            "The NAC met on Tuesday.",
            "Le Conseil de l’Atlantique Nord s’est réuni mardi.",
        ),
        (
            "The North Atlantic Council met on Tuesday.",
            "Le CAN s’est réuni mardi.",
        ),
        (
            "The EU supports the plan.",
            "L’Union européenne soutient le plan.",
        ),
    ] {
        assert_eq!(one(en, fr), [], "{en} / {fr}");
    }
}

/// A document where `Stoltenberg` and `Narva` stand on both sides, then one
/// unit `(en, fr)`.
fn with_learned(en: &str, fr: &str) -> Vec<(usize, Rule, String)> {
    findings(&[
        (
            "Secretary General Jens Stoltenberg opened the meeting.",
            "Le Secrétaire général, Jens Stoltenberg, a ouvert la réunion.",
        ),
        (
            "Mr Stoltenberg thanked the people of Narva for their support.",
            "M. Stoltenberg a remercié les habitants de Narva pour leur soutien.",
        ),
        (
            "The exercise near Narva ended on 3 May.",
            "L’exercice près de Narva s’est achevé le 3 mai.",
        ),
        (en, fr),
    ])
}

#[test]
fn names_are_learned_from_the_document_pair() {
    let units = document(&[
        (
            "Mr Stoltenberg thanked the people of Narva and APT28 was named.",
            "M. Stoltenberg a remercié les habitants de Narva et APT28 a été nommé.",
        ),
        (
            "Then Jens Stoltenberg went to New Carthage. The Organisation met.",
            "Puis Jens Stoltenberg est allé à New Carthage. L’organisation s’est réunie.",
        ),
        ("PART I GENERAL Narrative", "PARTIE I GENERAL Narrative"),
    ]);
    let names = Names::learn(&units);
    // Not "Organisation" (written in lower case), not the heading's words,
    // not the lexicon's (APT28 is in the tables); a run's last word too.
    assert_eq!(
        names.learned(),
        [
            "Carthage",
            "Jens Stoltenberg",
            "Narva",
            "New Carthage",
            "Stoltenberg"
        ]
    );
}

#[test]
fn a_learned_name_replaced_is_an_error() {
    let f = with_learned(
        "The ministers agreed with Mr Stoltenberg on the way ahead.",
        "Les ministres ont approuvé la voie tracée par M. Rutte.",
    );
    assert_eq!(
        f,
        [(
            4,
            Rule::NameMismatch,
            "“Stoltenberg” in English, “Rutte” in French".to_string()
        )]
    );
    assert_eq!(Rule::NameMismatch.severity(), Severity::Error);
    let f = with_learned(
        "Allied troops trained near Narva in June.",
        "Les troupes alliées se sont entraînées près de Tartu en juin.",
    );
    assert_eq!(
        f,
        [(
            4,
            Rule::NameMismatch,
            "“Narva” in English, “Tartu” in French".to_string()
        )]
    );
}

#[test]
fn a_learned_name_removed_is_a_warning() {
    let f = with_learned(
        "The ministers agreed with Mr Stoltenberg on the way ahead.",
        "Les ministres ont approuvé la voie tracée.",
    );
    assert_eq!(
        f,
        [(
            4,
            Rule::EntityMissing,
            "“Stoltenberg” in English, no “Stoltenberg” in French".to_string()
        )]
    );
}

#[test]
fn names_on_both_sides_everywhere_give_nothing() {
    assert_eq!(
        with_learned(
            "Mr Stoltenberg visited Narva again.",
            "M. Stoltenberg s’est de nouveau rendu à Narva."
        ),
        []
    );
}

#[test]
fn a_name_added_in_french_only() {
    // An unknown name added, nothing removed: nothing (a translator may
    // name what the English leaves implicit).
    assert_eq!(
        with_learned(
            "The ministers agreed on the way ahead.",
            "Les ministres réunis à Tartu ont approuvé la voie tracée."
        ),
        []
    );
    // A learned or lexicon name added: the warning of a name on one side.
    assert_eq!(
        with_learned(
            "The ministers agreed on the way ahead.",
            "Les ministres ont approuvé la voie tracée par M. Stoltenberg."
        ),
        [(
            4,
            Rule::EntityMissing,
            "“Stoltenberg” in French, no “Stoltenberg” in English".to_string()
        )]
    );
}

#[test]
fn a_lexicon_name_replaced_is_an_error_even_alone() {
    let f = check_unit_names(
        "The Council met in Ottawa in September 1951.",
        "Le Conseil s’est réuni à Oslo en septembre 1951.",
    );
    assert_eq!(
        f,
        [(
            Rule::NameMismatch,
            "“Ottawa” in English, “Oslo” in French".to_string()
        )]
    );
    let f = check(
        &document(&[
            (
                "The Committee met in New York.",
                "Le Comité s’est réuni à New York.",
            ),
            (
                "The Committee will meet in New York in May.",
                "Le Comité se réunira à Genève en mai.",
            ),
        ]),
        &CheckOptions::default(),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].message, "“New York” in English, “Genève” in French");
    assert!(f[0].en.contains("⟦New York⟧") && f[0].fr.contains("⟦Genève⟧"));
}

fn check_unit_names(en: &str, fr: &str) -> Vec<(Rule, String)> {
    crate::check::check_unit(&CheckUnit::from_texts("d", 1, "1", en, fr))
        .into_iter()
        .map(|f| (f.rule, f.message))
        .collect()
}

#[test]
fn a_lexicon_name_removed_is_a_warning() {
    assert_eq!(
        check_unit_names(
            "The Council met in Ottawa in September 1951.",
            "Le Conseil s’est réuni en septembre 1951."
        ),
        [(
            Rule::EntityMissing,
            "“Ottawa” in English, no “Ottawa” in French".to_string()
        )]
    );
}

#[test]
fn a_name_dropped_and_another_added_elsewhere_is_no_error() {
    // The hard case: the French drops Estonia from one sentence and names
    // Brussels in another. Two warnings at most, never a mismatch.
    let f = check_unit_names(
        "Allies met to discuss support for Estonia and the region. The meeting was long and the agenda full. Ministers then agreed on the next steps.",
        "Les Alliés se sont réunis pour examiner le soutien à la région. La réunion a été longue et l’ordre du jour chargé. Les ministres réunis à Bruxelles ont ensuite approuvé les prochaines étapes.",
    );
    assert!(f.iter().all(|(r, _)| *r == Rule::EntityMissing), "{f:?}");
}

#[test]
fn a_capitalised_translation_is_no_replacement() {
    // "Secrétaire" translates "Secretary": a cognate, not another name.
    assert_eq!(
        with_learned(
            "The Secretary thanked Mr Stoltenberg.",
            "Le Secrétaire a remercié le Secrétaire général."
        ),
        [(
            4,
            Rule::EntityMissing,
            "“Stoltenberg” in English, no “Stoltenberg” in French".to_string()
        )]
    );
}

fn corpus_units(name: &str) -> Vec<CheckUnit> {
    let root = env!("CARGO_MANIFEST_DIR");
    let read =
        |l: &str| std::fs::read(format!("{root}/tests/data/corpus/{name}/{l}.txt")).unwrap();
    let docs = [
        load("en", &read("en")).unwrap(),
        load("fr", &read("fr")).unwrap(),
    ];
    let (e, f) = sides(&docs).unwrap();
    units_of(&align(e, f, &ALIGN_OPTIONS))
}

#[test]
#[ignore]
fn debug_corpus() {
    for name in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        let units = corpus_units(name);
        let n = Names::learn(&units);
        println!("{name}: learned {:?}", n.learned());
        for u in &units {
            if two_sided(u) {
                for f in check_names(u, &n) {
                    println!("  {} {}", u.unit, f);
                }
            }
        }
    }
}
