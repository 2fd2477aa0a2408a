//! The dates rule's tests.

use super::*;

/// (day, month, year) of every date of `text`.
fn read(text: &str, lang: Lang) -> Vec<(Option<u32>, Option<u32>, Option<u32>)> {
    dates(text, lang, &[])
        .into_iter()
        .map(|d| (d.day, d.month, d.year))
        .collect()
}

/// The mismatched dates, as written, and what differs.
fn differ(en: &str, fr: &str) -> Vec<(String, String, String)> {
    let (e, f) = (dates(en, Lang::En, &[]), dates(fr, Lang::Fr, &[]));
    mismatches(&e, &f)
        .into_iter()
        .map(|m| {
            let (a, b) = (&e[m.en], &f[m.fr]);
            (
                en[a.span.clone()].to_string(),
                fr[b.span.clone()].to_string(),
                differences(a, b),
            )
        })
        .collect()
}

#[test]
fn the_common_forms_are_read() {
    let full = vec![(Some(18), Some(9), Some(1997))];
    for en in [
        "on 18 September 1997.",
        "on September 18, 1997,",
        "on 18th of September, 1997",
        "on 18.09.1997",
        "on 18/09/1997",
        "on 09/18/1997",
        "on 1997-09-18",
        "on Monday, Sept. 18 1997",
        "on 18 SEPTEMBER 1997",
    ] {
        assert_eq!(read(en, Lang::En), full, "{en}");
    }
    for fr in [
        "le 18 septembre 1997",
        "le 18.09.1997",
        "le 18/09/1997",
        "le 18 sept. 1997",
    ] {
        assert_eq!(read(fr, Lang::Fr), full, "{fr}");
    }
    assert_eq!(
        read("le 1er juin, puis en juin 1951", Lang::Fr),
        [(Some(1), Some(6), None), (None, Some(6), Some(1951))]
    );
    assert_eq!(
        read("1ᵉʳ juin 2020", Lang::Fr),
        [(Some(1), Some(6), Some(2020))]
    );
    assert_eq!(
        read("on 03 Jun. 2020", Lang::En),
        [(Some(3), Some(6), Some(2020))]
    );
    assert_eq!(
        read("this 28th day of August 1952", Lang::En),
        [(Some(28), Some(8), Some(1952))]
    );
    assert_eq!(
        read("June 19-21, 1951", Lang::En),
        [
            (Some(19), Some(6), Some(1951)),
            (Some(21), Some(6), Some(1951))
        ]
    );
    assert_eq!(
        read("du 19 au 21 juin 1951", Lang::Fr),
        [
            (Some(19), Some(6), Some(1951)),
            (Some(21), Some(6), Some(1951))
        ]
    );
    // Day first in French: 09/18 is no date there.
    assert!(read("le 09/18/1997", Lang::Fr).is_empty());
}

#[test]
fn words_and_numbers_that_look_like_dates_are_not() {
    for en in [
        "You may 5 times",
        "we march 12 km",
        "in May",
        "version 1.18.09.1997",
        "section 3.1.2",
        "June 3000 troops",
    ] {
        assert!(read(en, Lang::En).is_empty(), "{en}");
    }
    for fr in ["sept ans", "les 7 sept pays", "en mars", "le 32 mai"] {
        assert!(read(fr, Lang::Fr).is_empty(), "{fr}");
    }
    // A date in a file name is part of the name.
    let text = "see 2023-06-18-minutes.pdf";
    assert_eq!(read(text, Lang::En).len(), 1);
    let skip = super::super::numbers::uncompared(text);
    assert!(dates(text, Lang::En, &skip).is_empty());
}

#[test]
fn changed_month_is_a_date_mismatch() {
    assert_eq!(
        differ("on 18 September 1997", "le 18 octobre 1997"),
        [(
            "18 September 1997".into(),
            "18 octobre 1997".into(),
            "month".into()
        )]
    );
    assert_eq!(
        differ("from Sept. 18", "dès le 18 oct."),
        [("Sept. 18".into(), "18 oct.".into(), "month".into())]
    );
    assert_eq!(
        differ("on 18.09.1997", "le 18.10.1997"),
        [("18.09.1997".into(), "18.10.1997".into(), "month".into())]
    );
}

#[test]
fn changed_day_and_year_are_date_mismatches() {
    assert_eq!(
        differ("on 1 June 2020", "le 2 juin 2020")[0].2,
        "day".to_string()
    );
    assert_eq!(
        differ("in June 1951", "en juin 1952")[0].2,
        "year".to_string()
    );
    assert_eq!(
        differ("on 19 June 1951", "le 20 juin")[0].2,
        "day; year in English only".to_string()
    );
    // A whole other date, alone on each side.
    assert_eq!(
        differ("on 18 September 1997", "le 3 mai 2001")[0].2,
        "day, month, year".to_string()
    );
}

#[test]
fn an_unchanged_date_written_differently_is_no_mismatch() {
    for (en, fr) in [
        ("signed on 19th June, 1951", "signée le 19 juin 1951"),
        ("on June 19, 1951", "le 19.06.1951"),
        ("on 1951-06-19", "le 19/06/1951"),
        ("on June 19", "le 19 juin"),
        ("on 19 June", "le 19 juin 1951"),
        ("on 1st June", "le 1er juin"),
        ("on June 1", "le 1er juin"),
        ("in June 1951", "le 19 juin 1951"),
        ("June 19-21, 1951", "du 19 au 21 juin 1951"),
        (
            "on 19 June 1951 and again on 19 June 1951",
            "le 19 juin 1951",
        ),
    ] {
        assert!(
            differ(en, fr).is_empty(),
            "{en} / {fr}: {:?}",
            differ(en, fr)
        );
    }
}

#[test]
fn a_changed_month_next_to_a_month_and_year_is_one_mismatch() {
    // `juillet 2024` stays the match of `July 2024`; the changed range
    // is the one mismatch.
    assert_eq!(
        differ(
            "in Brussels on 13 and 14 June 2024, and at the Summit in July 2024.",
            "à Bruxelles les 13 et 14 juillet 2024, et au sommet en juillet 2024."
        ),
        [(
            "13 and 14 June 2024".to_string(),
            "13 et 14 juillet 2024".to_string(),
            "month".to_string()
        )]
    );
}

#[test]
fn a_repeated_date_in_place_of_another_is_a_mismatch() {
    assert_eq!(
        differ(
            "on 18 September 1997 and 18 October 1997",
            "le 18 septembre 1997 et le 18 septembre 1997"
        ),
        [(
            "18 October 1997".into(),
            "18 septembre 1997".into(),
            "month".into()
        )]
    );
}

fn check(en: &str, fr: &str) -> Vec<Finding> {
    crate::check::check_unit(&CheckUnit::from_texts("d", 1, "EN 1 / FR 1", en, fr))
}

/// The one finding of a unit, as (rule, message, marked English, marked
/// French).
fn one(en: &str, fr: &str) -> (Rule, String, String, String) {
    let f = check(en, fr);
    assert_eq!(f.len(), 1, "{en} / {fr}: {f:#?}");
    let f = &f[0];
    (f.rule, f.message.clone(), f.en.clone(), f.fr.clone())
}

#[test]
fn changed_month_is_one_date_mismatch_naming_both_dates() {
    let (rule, message, en, fr) = one(
        "The Treaty was signed on 18 September 1997 in Oslo.",
        "Le Traité a été signé le 18 octobre 1997 à Oslo.",
    );
    assert_eq!(rule, Rule::DateMismatch);
    assert_eq!(
        message,
        "dates differ: English 18 September 1997, French 18 octobre 1997 (month)"
    );
    assert!(en.contains("on ⟦18 September 1997⟧ in"), "{en}");
    assert!(fr.contains("le ⟦18 octobre 1997⟧ à"), "{fr}");
    // Other forms, in either language.
    for (en, fr) in [
        ("on September 18, 1997", "le 18.10.1997"),
        ("from Sept. 18", "dès le 18 oct."),
        ("on 18/09/1997", "le 18 oct. 1997"),
        ("on 1997-09-18", "le 1997-10-18"),
        ("from 18 to 20 September", "du 18 au 20 octobre"),
    ] {
        let (rule, message, _, _) = one(en, fr);
        assert_eq!(rule, Rule::DateMismatch, "{en} / {fr}");
        assert!(message.ends_with("(month)"), "{message}");
    }
}

#[test]
fn changed_day_is_one_date_mismatch() {
    let (rule, message, _, _) = one("as of 1st June 2020", "à compter du 2 juin 2020");
    assert_eq!(rule, Rule::DateMismatch);
    assert_eq!(
        message,
        "dates differ: English 1st June 2020, French 2 juin 2020 (day)"
    );
}

#[test]
fn changed_year_is_one_date_mismatch_not_also_a_number_mismatch() {
    let (rule, message, en, fr) = one(
        "The Agreement of 19th June, 1951 applies.",
        "La Convention du 19 juin 1952 s’applique.",
    );
    assert_eq!(rule, Rule::DateMismatch);
    assert_eq!(
        message,
        "dates differ: English 19th June, 1951, French 19 juin 1952 (year)"
    );
    assert!(en.contains("⟦19th June, 1951⟧") && fr.contains("⟦19 juin 1952⟧"));
    let (rule, _, _, _) = one("in June 1951", "en juin 1952");
    assert_eq!(rule, Rule::DateMismatch);
}

#[test]
fn an_unchanged_date_written_four_ways_is_no_finding() {
    for en in [
        "The Agreement signed on 19th June, 1951 applies.",
        "The Agreement signed on June 19, 1951 applies.",
        "The Agreement signed on 19.06.1951 applies.",
        "The Agreement signed on 1951-06-19 applies.",
    ] {
        for fr in [
            "La Convention signée le 19 juin 1951 s’applique.",
            "La Convention signée le 19/06/1951 s’applique.",
        ] {
            assert!(
                check(en, fr).is_empty(),
                "{en} / {fr}: {:#?}",
                check(en, fr)
            );
        }
    }
    for (en, fr) in [
        ("from June 19", "à partir du 19 juin"),
        ("on 1st June and 1 July", "le 1er juin et le 1er juillet"),
        ("June 19-21, 1951", "du 19 au 21 juin 1951"),
        // American order, when both readings are dates.
        ("on 3/4/2020", "le 4 mars 2020"),
        ("on 09/18/1997", "le 18 septembre 1997"),
    ] {
        assert!(
            check(en, fr).is_empty(),
            "{en} / {fr}: {:#?}",
            check(en, fr)
        );
    }
}

#[test]
fn a_dropped_year_is_a_number_mismatch_as_before() {
    let (rule, message, _, _) = one("signed on 19th June, 1951", "signée le 19 juin");
    assert_eq!(rule, Rule::NumberMismatch);
    assert_eq!(message, "numbers differ: English only: 1951");
}
