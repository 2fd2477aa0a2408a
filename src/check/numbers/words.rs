//! Numbers written in words, as values: one word (`ten`, `dix`, `fifth`,
//! `vingtième`) or a compound read whole (`twenty-five`, `one hundred and
//! five`, `soixante-dix`, `quatre-vingts`, `deux cents`, `mille neuf cent
//! quarante-neuf`).
//!
//! Input: a text and its language. Output: [`Number`]s in
//! [`Form::Words`], or [`Form::Support`] for the words that are also
//! something else (`one`, `un`, `second`, `neuf`, `three-year`, `les deux`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Form, Number, milli};
use crate::document::Lang;

static LETTERS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}+").unwrap());

/// What a number word does in a compound.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// 0–99, added (`twenty` `five`).
    Unit,
    /// `hundred`, `cent`: multiplies what precedes.
    Hundred,
    /// `thousand`, `mille`, `million`: closes a group.
    Scale,
}

/// A number word: value, part it plays, whether it ends the number
/// (ordinals), whether it is also a common word alone (`second`, `neuf`).
#[derive(Debug, Clone, Copy)]
struct Word {
    value: i64,
    kind: Kind,
    ordinal: bool,
    ambiguous: bool,
}

const EN_UNITS: &[(&str, i64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const FR_UNITS: &[(&str, i64)] = &[
    ("zéro", 0),
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("vingts", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    // Belgian and Swiss French.
    ("septante", 70),
    ("octante", 80),
    ("huitante", 80),
    ("nonante", 90),
];
const EN_SCALES: &[(&str, i64)] = &[
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
];
const FR_SCALES: &[(&str, i64)] = &[
    ("mille", 1_000),
    ("mil", 1_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("milliard", 1_000_000_000),
    ("milliards", 1_000_000_000),
    ("billion", 1_000_000_000_000),
    ("billions", 1_000_000_000_000),
];

/// A cardinal word (`lower` is lower case).
fn cardinal(lower: &str, lang: Lang) -> Option<Word> {
    let (units, scales, hundreds): (_, _, &[&str]) = match lang {
        Lang::En => (EN_UNITS, EN_SCALES, &["hundred"]),
        Lang::Fr => (FR_UNITS, FR_SCALES, &["cent", "cents"]),
    };
    let word = |value, kind| Word {
        value,
        kind,
        ordinal: false,
        // `neuf` is also "new".
        ambiguous: lower == "neuf",
    };
    if let Some(&(_, v)) = units.iter().find(|(w, _)| *w == lower) {
        return Some(word(v, Kind::Unit));
    }
    if hundreds.contains(&lower) {
        return Some(word(100, Kind::Hundred));
    }
    scales
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|&(_, v)| word(v, Kind::Scale))
}

/// A number word, cardinal or ordinal (`fifth`, `twentieth`, `cinquième`,
/// `vingtième`), `lower` in lower case.
fn number_word(lower: &str, lang: Lang) -> Option<Word> {
    if let Some(w) = cardinal(lower, lang) {
        return Some(w);
    }
    let ordinal = |w: Word| Word {
        ordinal: true,
        ambiguous: false,
        ..w
    };
    let unit = |v| Word {
        value: v,
        kind: Kind::Unit,
        ordinal: true,
        ambiguous: false,
    };
    match lang {
        Lang::En => {
            let stem = match lower {
                "first" => return Some(unit(1)),
                // Also the unit of time and the verb.
                "second" => {
                    return Some(Word {
                        ambiguous: true,
                        ..unit(2)
                    });
                }
                "third" => return Some(unit(3)),
                "fifth" => return Some(unit(5)),
                "eighth" => return Some(unit(8)),
                "ninth" => return Some(unit(9)),
                "twelfth" => return Some(unit(12)),
                w if w.ends_with("ieth") => format!("{}y", &w[..w.len() - 4]),
                w => w.strip_suffix("th")?.to_string(),
            };
            cardinal(&stem, lang).map(ordinal)
        }
        Lang::Fr => {
            let word = lower.strip_suffix('s').unwrap_or(lower);
            match word {
                "premier" | "première" => return Some(unit(1)),
                // Also the unit of time, and "second" as in "second in
                // command".
                "second" | "seconde" => {
                    return Some(Word {
                        ambiguous: true,
                        ..unit(2)
                    });
                }
                _ => {}
            }
            let stem = word.strip_suffix("ième")?;
            let stem = match stem {
                "cinqu" => "cinq".to_string(),
                "neuv" => "neuf".to_string(),
                s => s.to_string(),
            };
            cardinal(&stem, lang)
                .or_else(|| cardinal(&format!("{stem}e"), lang))
                .map(ordinal)
        }
    }
}

/// A compound being read: the groups closed by a scale, the group being
/// built, the last scale (scales decrease: `two million three thousand`).
#[derive(Debug, Clone, Copy)]
struct Compound {
    total: i64,
    group: i64,
    scale: i64,
}

impl Compound {
    const START: Compound = Compound {
        total: 0,
        group: 0,
        scale: i64::MAX,
    };

    fn value(self) -> i64 {
        self.total + self.group
    }

    /// The compound with `w` after it, if `w` continues it: `twenty` `five`,
    /// `vingt` `et` `un`, `soixante-dix`, `quatre-vingts`, `deux cents`,
    /// `dix-sept`; `two three` is two numbers.
    fn then(self, w: Word, lang: Lang) -> Option<Compound> {
        let g = self.group;
        let mut next = self;
        match w.kind {
            Kind::Unit => {
                let last = g % 100;
                next.group = if g == 0 {
                    w.value
                } else if lang == Lang::Fr && last == 4 && w.value == 20 {
                    // quatre-vingts
                    g - 4 + 80
                } else if w.value > 0
                    && (last == 0 && w.value < 100
                        || last % 10 == 0 && w.value < 10 && (last >= 20 || lang == Lang::Fr)
                        || lang == Lang::Fr && matches!(last, 60 | 80) && w.value / 10 == 1)
                {
                    g + w.value
                } else {
                    return None;
                };
            }
            Kind::Hundred => {
                if g >= 100 {
                    return None;
                }
                next.group = g.max(1) * 100;
            }
            Kind::Scale => {
                if w.value >= self.scale {
                    return None;
                }
                next.total += g.max(1) * w.value;
                next.group = 0;
                next.scale = w.value;
            }
        }
        Some(next)
    }
}

/// The numbers written in words, compounds read whole (`vingt-cinq`,
/// `one hundred and five`, `mille neuf cent quarante-neuf`). `cent` after
/// `pour` is the percent sign.
pub(super) fn words(text: &str, lang: Lang) -> Vec<Number> {
    let tokens: Vec<(Range<usize>, String)> = LETTERS
        .find_iter(text)
        .map(|m| (m.range(), m.as_str().to_lowercase()))
        .collect();
    let gap = |a: usize, b: usize| text[tokens[a].0.end..tokens[b].0.start].trim();
    let hyphen = |a: usize, b: usize| matches!(gap(a, b), "-" | "\u{2010}" | "\u{2011}");
    // Two tokens of one compound: spaces or one hyphen between them.
    let joined = |a: usize, b: usize| gap(a, b).is_empty() || hyphen(a, b);
    let word_at = |k: usize| -> Option<Word> {
        let lower = tokens[k].1.as_str();
        if lang == Lang::Fr
            && lower == "cent"
            && k > 0
            && tokens[k - 1].1 == "pour"
            && joined(k - 1, k)
        {
            return None;
        }
        number_word(lower, lang)
    };
    let connector = match lang {
        Lang::En => "and",
        Lang::Fr => "et",
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(first) = word_at(i) else {
            i += 1;
            continue;
        };
        let Some(mut compound) = Compound::START.then(first, lang) else {
            i += 1;
            continue;
        };
        let mut end = i;
        let mut last = first;
        while !last.ordinal {
            let mut k = end + 1;
            if k >= tokens.len() || !joined(end, k) {
                break;
            }
            if tokens[k].1 == connector {
                if k + 1 >= tokens.len() || !joined(k, k + 1) {
                    break;
                }
                k += 1;
            }
            let Some(w) = word_at(k) else { break };
            let Some(next) = compound.then(w, lang) else {
                break;
            };
            (compound, end, last) = (next, k, w);
        }
        let value = compound.value();
        let alone = end == i;
        // `cents` alone is money.
        if alone && tokens[i].1 == "cents" {
            i += 1;
            continue;
        }
        // Glued to a word (`three-year`, `two-thirds`, `Trois-Rivières`):
        // often one word on the other side (`triennal`).
        let glued = end + 1 < tokens.len() && hyphen(end, end + 1) && word_at(end + 1).is_none()
            || i > 0 && hyphen(i - 1, i) && word_at(i - 1).is_none();
        // `les deux`, `tous deux`, `deux fois` are often "both", "twice".
        let both = lang == Lang::Fr
            && alone
            && value == 2
            && (i > 0 && matches!(tokens[i - 1].1.as_str(), "les" | "tous" | "toutes")
                || tokens.get(end + 1).is_some_and(|t| t.1 == "fois"));
        out.push(Number {
            span: tokens[i].0.start..tokens[end].0.end,
            values: vec![milli(value, "")],
            form: if value < 2 || alone && first.ambiguous || glued || both {
                Form::Support
            } else {
                Form::Words
            },
        });
        i = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number word of `text` with its value (whole numbers).
    fn spelled(text: &str, lang: Lang) -> Vec<(String, i64)> {
        words(text, lang)
            .into_iter()
            .map(|n| (text[n.span.clone()].to_string(), n.values[0] / 1000))
            .collect()
    }

    #[test]
    fn compound_number_words_are_read_whole() {
        let w = |t| spelled(t, Lang::Fr);
        assert_eq!(w("vingt-cinq États"), [("vingt-cinq".into(), 25)]);
        assert_eq!(w("soixante-dix-sept"), [("soixante-dix-sept".into(), 77)]);
        assert_eq!(w("quatre-vingts"), [("quatre-vingts".into(), 80)]);
        assert_eq!(
            w("quatre-vingt-dix-neuf"),
            [("quatre-vingt-dix-neuf".into(), 99)]
        );
        assert_eq!(w("soixante et onze"), [("soixante et onze".into(), 71)]);
        assert_eq!(w("deux cents ans"), [("deux cents".into(), 200)]);
        assert_eq!(
            w("mille neuf cent quarante-neuf"),
            [("mille neuf cent quarante-neuf".into(), 1949)]
        );
        assert_eq!(w("le vingtième jour"), [("vingtième".into(), 20)]);
        assert_eq!(w("vingt et unième"), [("vingt et unième".into(), 21)]);
        // Two numbers side by side stay two; `et` joins only a compound.
        assert_eq!(
            w("deux trois, six et sept"),
            [
                ("deux".into(), 2),
                ("trois".into(), 3),
                ("six".into(), 6),
                ("sept".into(), 7)
            ]
        );
        // The percent sign, not a hundred.
        assert_eq!(w("cinquante pour cent"), [("cinquante".into(), 50)]);
        let e = |t| spelled(t, Lang::En);
        assert_eq!(e("twenty-five years"), [("twenty-five".into(), 25)]);
        assert_eq!(
            e("one hundred and five"),
            [("one hundred and five".into(), 105)]
        );
        assert_eq!(e("two and three"), [("two".into(), 2), ("three".into(), 3)]);
        assert_eq!(e("the twenty-first century"), [("twenty-first".into(), 21)]);
        assert_eq!(e("ninety, sixty, seventy, eighty").len(), 4);
        assert_eq!(e("the twentieth day"), [("twentieth".into(), 20)]);
    }
}
