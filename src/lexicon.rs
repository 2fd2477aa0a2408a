//! EN↔FR tables of acronyms, institutions, countries and places, shared by the
//! aligner (content cues) and the consistency checks.
//!
//! Input: a text. Output: the entities it names ([`entities`], for the
//! aligner) or every mention of one with its span and form ([`mentions`], for
//! the checks).
//!
//! Each entry is one entity with its English and French surface forms; the same
//! entity written either way gets the same [`EntityId`], so `NATO` in English
//! and `OTAN` in French count as a shared cue. Matching is on words: acronyms
//! (all capitals in the table) only match all-capital words; names match
//! case-insensitively, ignoring accents, apostrophes and hyphens.
//!
//! The checks see more than the aligner: a few more places (`lexicon::extra`), and
//! the related forms of [`related`]: demonyms and
//! adjectives (`American`, `américaines` for the United States) and weak
//! forms (`informatique` for IT). A related form shows its entity is there;
//! it is never a name that must be translated.

mod extra;
mod related;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
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

/// Where each kind of [`TABLE`] starts: the first English form of its first
/// row (the sections of the table, in order).
const SECTIONS: &[(Kind, &str)] = &[
    (Kind::Organisation, "NATO"),
    (Kind::Country, "Albania"),
    (Kind::Place, "Tallinn"),
];

/// What an entity is: a name is only replaced by one of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An organisation, an institution, a company, a group of states.
    Organisation,
    /// A country or a union of countries as a place (Europe).
    Country,
    /// A city, a region, a place.
    Place,
}

impl Kind {
    /// Countries and places are both places a text can name instead of the
    /// other (`in Estonia` / `à Tallinn`).
    pub fn compatible(self, other: Kind) -> bool {
        matches!(
            (self, other),
            (Kind::Organisation, Kind::Organisation)
                | (Kind::Country | Kind::Place, Kind::Country | Kind::Place)
        )
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// A name of the table (`Estonia`, `Nations Unies`).
    Name,
    /// An acronym of the table (`NATO`, `OTAN`).
    Acronym,
    /// A demonym or adjective (`Russian`, `russes`).
    Demonym,
    /// A common word that shows the entity is there (`informatique`).
    Weak,
}

impl Form {
    /// A name or acronym: a form a translation must carry over. Demonyms and
    /// weak forms are rephrased freely and only satisfy presence.
    pub fn is_name(self) -> bool {
        matches!(self, Form::Name | Form::Acronym)
    }
}

/// One mention of an entity in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity.
    pub id: EntityId,
    /// How it is named.
    pub form: Form,
    /// Byte range in the text.
    pub span: Range<usize>,
}

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

/// Whether a table form is an acronym: all its letters capitals, two or more.
fn is_acronym(form: &str) -> bool {
    let mut letters = form.chars().filter(|c| c.is_alphabetic());
    letters.clone().all(char::is_uppercase) && letters.nth(1).is_some()
}

/// Folded word sequences → what they name.
struct Index<V> {
    forms: FxHashMap<String, V>,
    /// The first words of all forms: most words of a text start none, and
    /// are skipped without building any key.
    firsts: FxHashSet<String>,
    longest: usize,
}

impl<V> Index<V> {
    fn new() -> Index<V> {
        Index {
            forms: FxHashMap::default(),
            firsts: FxHashSet::default(),
            longest: 1,
        }
    }

    /// Add `form` (first one wins).
    fn add(&mut self, form: &str, value: V) {
        let key: Vec<String> = fold(form).split_whitespace().map(String::from).collect();
        let Some(first) = key.first() else { return };
        self.firsts.insert(first.clone());
        self.longest = self.longest.max(key.len());
        self.forms.entry(key.join(" ")).or_insert(value);
    }

    /// Longest matches over `words`, left to right: `accept(value, i, n)`
    /// judges a match of words `i..i + n`, `hit` receives the accepted ones.
    fn scan(
        &self,
        words: &[&str],
        accept: impl Fn(&V, usize, usize) -> bool,
        mut hit: impl FnMut(usize, usize, &V),
    ) {
        // Most words start no form: they are folded into one reused buffer and
        // skipped; keys are built only after a first word.
        let (mut first, mut key) = (String::new(), String::new());
        let mut i = 0;
        while i < words.len() {
            first.clear();
            fold_into(words[i], &mut first);
            if !self.firsts.contains(first.as_str()) {
                i += 1;
                continue;
            }
            let mut matched = 0;
            for n in (1..=self.longest.min(words.len() - i)).rev() {
                key.clear();
                key.push_str(&first);
                for w in &words[i + 1..i + n] {
                    key.push(' ');
                    fold_into(w, &mut key);
                }
                if let Some(v) = self.forms.get(key.as_str())
                    && accept(v, i, n)
                {
                    hit(i, n, v);
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
    }
}

/// A name form: its entity and whether it is an acronym.
type NameEntry = (EntityId, bool);

/// A related form: its entities (`Korean` names two), its form, and whether
/// the text must capitalise it (`Polish`, not `polish`).
type RelatedEntry = (Vec<EntityId>, Form, bool);

/// Every entity's names and kind, aligner's and checker's rows alike.
struct Entities {
    names: Vec<(&'static str, &'static str)>,
    kinds: Vec<Kind>,
}

/// The rows in numbering order with their kind: [`TABLE`] (the aligner's),
/// then the check-only places of [`extra::CHECK_ONLY`].
fn rows() -> impl Iterator<Item = (Kind, &'static str, &'static str)> {
    let mut kind = Kind::Organisation;
    let table = TABLE.iter().map(move |&(en, fr)| {
        let first = en.split('|').next().unwrap_or(en);
        if let Some(&(k, _)) = SECTIONS.iter().find(|(_, f)| *f == first) {
            kind = k;
        }
        (kind, en, fr)
    });
    table.chain(
        extra::CHECK_ONLY
            .iter()
            .map(|&(en, fr)| (Kind::Place, en, fr)),
    )
}

static ENTITIES: LazyLock<Entities> = LazyLock::new(|| {
    let first = |forms: &'static str| forms.split('|').next().unwrap_or(forms);
    let (names, kinds) = rows()
        .map(|(kind, en, fr)| ((first(en), first(fr)), kind))
        .unzip();
    Entities { names, kinds }
});

fn name_index(rows: impl Iterator<Item = (Kind, &'static str, &'static str)>) -> Index<NameEntry> {
    let mut index = Index::new();
    for (id, (_, en, fr)) in rows.enumerate() {
        let id = EntityId(id as u16);
        for form in en.split('|').chain(fr.split('|')) {
            index.add(form, (id, is_acronym(form)));
        }
    }
    index
}

/// The aligner's names: [`TABLE`] only.
static INDEX: LazyLock<Index<NameEntry>> = LazyLock::new(|| name_index(rows().take(TABLE.len())));

/// The checker's names: the aligner's and the check-only rows.
static CHECK_NAMES: LazyLock<Index<NameEntry>> = LazyLock::new(|| name_index(rows()));

/// The checker's related forms: demonyms and weak forms.
static RELATED: LazyLock<Index<RelatedEntry>> = LazyLock::new(|| {
    let mut index = Index::new();
    for (table, form) in [
        (related::DEMONYMS, Form::Demonym),
        (related::WEAK, Form::Weak),
    ] {
        for &(of, en, fr) in table {
            let ids: Vec<EntityId> = of.split('|').filter_map(entity_named).collect();
            assert_eq!(ids.len(), of.split('|').count(), "unknown entity in {of}");
            for f in related::forms(en, fr) {
                let capital = f.starts_with(char::is_uppercase);
                index.add(&f, (ids.clone(), form, capital));
            }
        }
    }
    index
});

/// The entity one of whose forms is `form` exactly.
fn entity_named(form: &str) -> Option<EntityId> {
    let key = fold(form).split_whitespace().collect::<Vec<_>>().join(" ");
    CHECK_NAMES.forms.get(&key).map(|&(id, _)| id)
}

/// The English and French names of an entity (first form of each).
pub fn names(id: EntityId) -> (&'static str, &'static str) {
    ENTITIES
        .names
        .get(id.0 as usize)
        .copied()
        .unwrap_or(("", ""))
}

/// What an entity is.
pub fn kind(id: EntityId) -> Kind {
    ENTITIES
        .kinds
        .get(id.0 as usize)
        .copied()
        .unwrap_or(Kind::Organisation)
}

/// How entities relate: [`extra::PLACES_OF`] and [`extra::FAMILIES`].
struct Relations {
    places_of: FxHashSet<(EntityId, EntityId)>,
    family: FxHashMap<EntityId, usize>,
}

static RELATIONS: LazyLock<Relations> = LazyLock::new(|| {
    let id = |form: &str| entity_named(form).unwrap_or_else(|| panic!("unknown entity {form}"));
    let mut places_of = FxHashSet::default();
    for &(a, b) in extra::PLACES_OF {
        places_of.insert((id(a), id(b)));
        places_of.insert((id(b), id(a)));
    }
    let mut family = FxHashMap::default();
    for (k, members) in extra::FAMILIES.iter().enumerate() {
        for m in members.split('|') {
            family.insert(id(m), k);
        }
    }
    Relations { places_of, family }
});

/// Whether naming `a` for `b` is a rephrasing rather than another name: the
/// same entity, a country and one of its cities (`Moscou` / `Russia`), or
/// organisations of one family (`NATO`, `Alliance`, `Allies`). Neither
/// shows the other is there: a rephrasing is still worth a hint.
pub fn related(a: EntityId, b: EntityId) -> bool {
    a == b
        || RELATIONS.places_of.contains(&(a, b))
        || RELATIONS
            .family
            .get(&a)
            .is_some_and(|f| RELATIONS.family.get(&b) == Some(f))
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// "US" the acronym, not "us" the pronoun; "IT" not "it".
fn all_upper(words: &[&str]) -> bool {
    words.iter().all(|w| !w.chars().any(char::is_lowercase))
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
    let words = words(text);
    let mut out = Vec::new();
    INDEX.scan(
        &words,
        |&(_, acronym), i, n| !acronym || all_upper(&words[i..i + n]),
        |_, _, &(id, _)| out.push(id),
    );
    out
}

/// Every mention of an entity in `text`, names and acronyms (the checker's
/// rows included) and related forms, in order. A related form is looked for
/// only where no name is; a demonym naming two entities (`Korean`) gives a
/// mention of each.
///
/// ```
/// use natalign::lexicon::{mentions, names, Form};
/// let m = mentions("the United States side and the Canadian forces");
/// assert_eq!((names(m[0].id).0, m[0].form), ("United States", Form::Name));
/// assert_eq!((names(m[1].id).0, m[1].form), ("Canada", Form::Demonym));
/// assert_eq!(&"the United States side"[m[0].span.clone()], "United States");
/// ```
pub fn mentions(text: &str) -> Vec<Mention> {
    let words = words(text);
    let span = |i: usize, n: usize| {
        let start = words[i].as_ptr() as usize - text.as_ptr() as usize;
        let last = words[i + n - 1];
        start..last.as_ptr() as usize - text.as_ptr() as usize + last.len()
    };
    let mut covered = vec![false; words.len()];
    let mut out = Vec::new();
    CHECK_NAMES.scan(
        &words,
        |&(_, acronym), i, n| !acronym || all_upper(&words[i..i + n]),
        |i, n, &(id, acronym)| {
            covered[i..i + n].iter_mut().for_each(|c| *c = true);
            let form = if acronym { Form::Acronym } else { Form::Name };
            out.push(Mention {
                id,
                form,
                span: span(i, n),
            });
        },
    );
    let mut related = Vec::new();
    RELATED.scan(
        &words,
        |(_, _, capital), i, n| {
            !covered[i..i + n].contains(&true)
                && (!capital || words[i].starts_with(char::is_uppercase))
        },
        |i, n, (ids, form, _)| {
            for &id in ids {
                related.push(Mention {
                    id,
                    form: *form,
                    span: span(i, n),
                });
            }
        },
    );
    out.extend(related);
    out.sort_by_key(|m| (m.span.start, m.id));
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

    #[test]
    fn sections_give_kinds() {
        for (kind, first) in SECTIONS {
            assert!(
                TABLE
                    .iter()
                    .any(|(en, _)| en.split('|').next() == Some(first))
            );
            assert_eq!(super::kind(entity_named(first).unwrap()), *kind);
        }
        assert_eq!(super::kind(entity_named("Estonia").unwrap()), Kind::Country);
        assert_eq!(super::kind(entity_named("Oslo").unwrap()), Kind::Place);
    }

    #[test]
    fn the_aligners_numbering_is_unchanged() {
        // The aligner's cues and corpus pairing hash these numbers.
        assert_eq!(entities("NATO"), [EntityId(0)]);
        assert_eq!(entities("Albania"), [EntityId(24)]);
        assert_eq!(entities("Tallinn"), [EntityId(79)]);
        assert_eq!(entities("Microsoft"), [EntityId(95)]);
        // The checker's own places are not the aligner's.
        assert!(entities("Geneva and Oslo").is_empty());
        assert_eq!(mentions("Geneva and Oslo").len(), 2);
    }

    fn related_of(text: &str) -> Vec<(&'static str, Form)> {
        mentions(text)
            .into_iter()
            .map(|m| (names(m.id).0, m.form))
            .collect()
    }

    #[test]
    fn demonyms_in_every_gender_and_number() {
        for fr in ["américain", "américaine", "américains", "Américaines"] {
            assert_eq!(related_of(fr), [("United States", Form::Demonym)], "{fr}");
        }
        assert_eq!(related_of("russes"), [("Russia", Form::Demonym)]);
        assert_eq!(related_of("canadiennes"), [("Canada", Form::Demonym)]);
        assert_eq!(related_of("nord-coréens"), [("North Korea", Form::Demonym)]);
        assert_eq!(related_of("grecque"), [("Greece", Form::Demonym)]);
        assert_eq!(related_of("French"), [("France", Form::Demonym)]);
        assert_eq!(related_of("Americans"), [("United States", Form::Demonym)]);
        // English demonyms are capitalised: "polish" is a verb.
        assert!(related_of("to polish the text").is_empty());
        assert_eq!(related_of("Polish"), [("Poland", Form::Demonym)]);
        // A name is found first: "Czech Republic" is no demonym.
        assert_eq!(
            related_of("the Czech Republic"),
            [("Czech Republic", Form::Name)]
        );
        assert_eq!(related_of("Czech"), [("Czech Republic", Form::Demonym)]);
    }

    #[test]
    fn weak_forms_and_several_entities() {
        assert_eq!(related_of("coalition Informatique"), [("IT", Form::Weak)]);
        assert_eq!(
            related_of("technologies de l’information"),
            [("IT", Form::Weak)]
        );
        let mut eu = related_of("European partners");
        eu.sort();
        assert_eq!(eu, [("EU", Form::Demonym), ("Europe", Form::Demonym)]);
    }

    #[test]
    fn every_related_row_names_known_entities() {
        // Building the indexes checks that every row's entities exist.
        assert!(!RELATED.forms.is_empty());
        assert!(!RELATIONS.places_of.is_empty());
    }

    #[test]
    fn cities_and_families_are_related() {
        let id = |f: &str| entity_named(f).unwrap();
        assert!(related(id("Moscou"), id("Russia")));
        assert!(related(id("OTAN"), id("Alliance")));
        assert!(related(id("NATO"), id("Alliés")));
        assert!(!related(id("Ottawa"), id("Oslo")));
        assert!(!related(id("NATO"), id("OSCE")));
    }
}
