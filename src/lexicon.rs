//! EN↔FR tables of acronyms, institutions, countries and places, shared by the
//! aligner (content cues) and the consistency checks.
//!
//! Each entry is one entity with its English and French surface forms; the same
//! entity written either way gets the same [`EntityId`], so `NATO` in English
//! and `OTAN` in French count as a shared cue. Matching is on words: acronyms
//! (all capitals in the table) only match all-capital words; names match
//! case-insensitively, ignoring accents, apostrophes and hyphens.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// An entity of the table (its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u16);

/// One entity: English forms, French forms (`|`-separated in the table).
const TABLE: &[(&str, &str)] = &[
    // Organisations and acronyms.
    (
        "NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation",
        "OTAN|Organisation du Traité de l'Atlantique Nord",
    ),
    ("EU|European Union", "UE|Union européenne"),
    (
        "UN|United Nations|UNO",
        "ONU|Nations Unies|Organisation des Nations Unies",
    ),
    ("North Atlantic Council", "Conseil de l'Atlantique Nord"),
    ("North Atlantic Treaty", "Traité de l'Atlantique Nord"),
    ("Security Council", "Conseil de sécurité"),
    ("General Assembly", "Assemblée générale"),
    ("European Commission", "Commission européenne"),
    ("OSCE", "OSCE"),
    ("GRU", "GRU"),
    ("APT28|APT 28", "APT28|APT 28"),
    ("SHAPE", "SHAPE"),
    ("SACEUR", "SACEUR"),
    ("NAC", "CAN"),
    (
        "WMD|weapons of mass destruction",
        "ADM|armes de destruction massive",
    ),
    ("IT", "TI"),
    ("CBRN", "NRBC"),
    ("NGO", "ONG"),
    (
        "WHO|World Health Organization",
        "OMS|Organisation mondiale de la santé",
    ),
    ("OPCW", "OIAC"),
    ("IAEA", "AIEA"),
    (
        "ICC|International Criminal Court",
        "CPI|Cour pénale internationale",
    ),
    ("Alliance", "Alliance"),
    ("Allies", "Alliés"),
    // NATO members.
    ("Albania", "Albanie"),
    ("Belgium", "Belgique"),
    ("Bulgaria", "Bulgarie"),
    ("Canada", "Canada"),
    ("Croatia", "Croatie"),
    ("Czech Republic|Czechia", "République tchèque|Tchéquie"),
    ("Denmark", "Danemark"),
    ("Estonia", "Estonie"),
    ("Finland", "Finlande"),
    ("France", "France"),
    ("Germany", "Allemagne"),
    ("Greece", "Grèce"),
    ("Hungary", "Hongrie"),
    ("Iceland", "Islande"),
    ("Italy", "Italie"),
    ("Latvia", "Lettonie"),
    ("Lithuania", "Lituanie"),
    ("Luxembourg", "Luxembourg"),
    ("Montenegro", "Monténégro"),
    ("Netherlands", "Pays-Bas"),
    ("North Macedonia", "Macédoine du Nord"),
    ("Norway", "Norvège"),
    ("Poland", "Pologne"),
    ("Portugal", "Portugal"),
    ("Romania", "Roumanie"),
    ("Slovakia", "Slovaquie"),
    ("Slovenia", "Slovénie"),
    ("Spain", "Espagne"),
    ("Sweden", "Suède"),
    ("Türkiye|Turkey", "Türkiye|Turquie"),
    (
        "United Kingdom|UK|Britain|Great Britain",
        "Royaume-Uni|Grande-Bretagne",
    ),
    (
        "United States|US|USA|U.S.|United States of America",
        "États-Unis|États-Unis d'Amérique",
    ),
    // Partners and others often named.
    ("Ukraine", "Ukraine"),
    ("Russia|Russian Federation", "Russie|Fédération de Russie"),
    (
        "China|People's Republic of China",
        "Chine|République populaire de Chine",
    ),
    ("Georgia", "Géorgie"),
    (
        "Moldova|Republic of Moldova",
        "Moldova|République de Moldova",
    ),
    ("Belarus", "Bélarus"),
    ("Iran", "Iran"),
    ("North Korea|DPRK", "Corée du Nord|RPDC"),
    ("Japan", "Japon"),
    ("Australia", "Australie"),
    ("New Zealand", "Nouvelle-Zélande"),
    (
        "Republic of Korea|South Korea",
        "République de Corée|Corée du Sud",
    ),
    ("Switzerland", "Suisse"),
    ("Austria", "Autriche"),
    ("Ireland", "Irlande"),
    ("Serbia", "Serbie"),
    ("Bosnia and Herzegovina", "Bosnie-Herzégovine"),
    ("Kosovo", "Kosovo"),
    ("Afghanistan", "Afghanistan"),
    ("Iraq", "Iraq"),
    ("Syria", "Syrie"),
    ("Libya", "Libye"),
    ("Europe", "Europe"),
    // Places.
    ("Tallinn", "Tallinn"),
    ("Brussels", "Bruxelles"),
    ("The Hague|Hague", "La Haye"),
    ("London", "Londres"),
    ("Paris", "Paris"),
    ("Ottawa", "Ottawa"),
    ("Washington", "Washington"),
    ("Vilnius", "Vilnius"),
    ("Madrid", "Madrid"),
    ("Warsaw", "Varsovie"),
    ("Wales", "pays de Galles"),
    ("Lisbon", "Lisbonne"),
    ("Kyiv|Kiev", "Kyiv|Kiev"),
    ("Moscow", "Moscou"),
    ("Beijing", "Beijing|Pékin"),
    ("Euro-Atlantic", "euro-atlantique"),
    ("Microsoft", "Microsoft"),
];

/// Fold a surface form or a word for matching: lowercase, accents removed,
/// apostrophes and hyphens as spaces.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appending to `out`: a caller folding word after word reuses one
/// buffer, and plain ASCII words (most of them) cost no allocation.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        unicode_normalization::char::decompose_canonical(c, |d| match d {
            '\u{300}'..='\u{36f}' => {}
            '’' | '\'' | '-' | '‐' | '‑' | '.' => out.push(' '),
            d => out.extend(d.to_lowercase()),
        });
    }
}

struct Index {
    /// Folded word sequence → (entity, acronym?).
    forms: FxHashMap<String, (EntityId, bool)>,
    /// The first words of all forms: most words of a text start none, and
    /// are skipped without building any key.
    firsts: FxHashSet<String>,
    longest: usize,
    names: Vec<(&'static str, &'static str)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut forms = FxHashMap::default();
    let mut longest = 1;
    for (id, (en, fr)) in TABLE.iter().enumerate() {
        let id = EntityId(id as u16);
        for form in en.split('|').chain(fr.split('|')) {
            let acronym = form
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
                && form.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            let key: Vec<String> = fold(form).split_whitespace().map(String::from).collect();
            longest = longest.max(key.len());
            forms.entry(key.join(" ")).or_insert((id, acronym));
        }
    }
    let names = TABLE
        .iter()
        .map(|(en, fr)| {
            (
                en.split('|').next().unwrap_or(en),
                fr.split('|').next().unwrap_or(fr),
            )
        })
        .collect();
    let firsts = forms
        .keys()
        .filter_map(|k| k.split(' ').next().map(String::from))
        .collect();
    Index {
        forms,
        firsts,
        longest,
        names,
    }
});

/// The English and French names of an entity (first form of each).
pub fn names(id: EntityId) -> (&'static str, &'static str) {
    INDEX.names.get(id.0 as usize).copied().unwrap_or(("", ""))
}

/// The entities of the table named in `text`, in order (longest match first).
///
/// ```
/// use natalign::lexicon::{entities, names};
/// let en = entities("NATO Allies and the United Kingdom support Estonia.");
/// let fr = entities("Les Alliés de l’OTAN et le Royaume-Uni soutiennent l’Estonie.");
/// let mut a = en.clone(); a.sort();
/// let mut b = fr.clone(); b.sort();
/// assert_eq!(a, b);
/// assert_eq!(names(en[0]), ("NATO", "OTAN"));
/// ```
pub fn entities(text: &str) -> Vec<EntityId> {
    let index = &*INDEX;
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    // Most words start no form: they are folded into one reused buffer and
    // skipped; keys are built only after a first word.
    let (mut first, mut key) = (String::new(), String::new());
    let mut i = 0;
    while i < words.len() {
        first.clear();
        fold_into(words[i], &mut first);
        if !index.firsts.contains(first.as_str()) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        for n in (1..=index.longest.min(words.len() - i)).rev() {
            key.clear();
            key.push_str(&first);
            for w in &words[i + 1..i + n] {
                key.push(' ');
                fold_into(w, &mut key);
            }
            if let Some(&(id, acronym)) = index.forms.get(key.as_str()) {
                // "US" the acronym, not "us" the pronoun; "IT" not "it".
                let upper = |w: &&str| !w.chars().any(char::is_lowercase);
                if acronym && !words[i..i + n].iter().all(upper) {
                    continue;
                }
                out.push(id);
                matched = n;
                break;
            }
        }
        i += matched.max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_need_capitals() {
        assert!(entities("let us talk about it").is_empty());
        assert_eq!(entities("the US and the UK").len(), 2);
    }

    #[test]
    fn multiword_names_and_variants() {
        let en = entities("the United Nations framework, APT 28 and the Czech Republic");
        let fr = entities("le cadre des Nations Unies, APT28 et la République tchèque");
        assert_eq!(en, fr);
        assert_eq!(en.len(), 3);
        assert_eq!(entities("Romania"), entities("en Roumanie"));
        assert_eq!(entities("l’ONU"), entities("United Nations"));
    }
}
