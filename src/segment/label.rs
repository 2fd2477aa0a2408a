//! Printed paragraph labels: `1.`, `1)`, `1.1`, bare `1 ` before a capital,
//! `(a)`, `a)`, `(iv)`, `Article 3`, `Article premier`, `ARTICLE III`,
//! `PART I`, `TITRE I`, bullets; and headings citing a sub-unit of another
//! unit (`PARAGRAPH 2 OF ARTICLE 8`, `Section 3 du titre II`), which set the
//! numbering context.

use std::sync::LazyLock;

use regex::Regex;

/// What a label says, before context is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LabelValue {
    /// `1.`, `1)`, `1.2.3`, bare `1`.
    Numeric(Vec<u32>),
    /// `(a)`, `a)`, `(iv)`: the letters, lowercase.
    Item(String),
    /// `Article 3`, `Article premier`, `ARTICLE III`.
    Article(u32),
    /// `PART I`, `TITRE I`, `Chapter 2`: a normalised division name and number.
    Division(&'static str, u32),
    /// `-`, `•`, `*`: a bullet, no number.
    Bullet,
    /// Markdown `#` heading marker (the level).
    Markdown(usize),
}

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as printed, trimmed (`1.`, `(a)`, `Article premier`).
    pub printed: String,
    /// What it means.
    pub value: LabelValue,
    /// Bytes of the line taken by leading space, label and following space.
    pub len: usize,
}

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "janv",
    "févr",
    "fév",
    "mars",
    "avr",
    "mai",
    "juin",
    "juil",
    "août",
    "sept",
    "déc",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "février",
    "avril",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Whether `word` (any case, trailing `.` allowed) names a month.
pub(crate) fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.contains(&w.as_str())
}

/// Parse a Roman numeral (`I` … `MMM`, either case); `None` if it is not one.
pub(crate) fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let value = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(value).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Reject non-canonical forms such as "IIII" or "VX" by re-rendering.
    (to_roman(total).eq_ignore_ascii_case(s)).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// An article or division number: digits, Roman numerals, or the ordinal
/// words `premier`/`première`/`first`/`1er`.
fn ordinal(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    match lower.as_str() {
        "premier" | "première" | "premiere" | "first" | "1er" | "1re" | "one" | "un" => {
            return Some(1);
        }
        _ => {}
    }
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0 && n < 10_000).then_some(n);
    }
    // Roman numerals only in upper case or as a whole lowercase token ("iv").
    roman(s)
}

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:Article|ARTICLE|Art\.|ART\.)\s+(\d{1,4}|[IVXLCivxlc]{1,8}|premier|PREMIER|Premier|première|first|FIRST|First|1er)\b\s*(?:[.:—–-](?:\s+|$))?\s*").unwrap()
});
static DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(PART|Part|TITRE|Titre|TITLE|Title|CHAPTER|Chapter|CHAPITRE|Chapitre|SECTION|Section|ANNEX|Annex|ANNEXE|Annexe|SCHEDULE|Schedule|PARTIE|Partie)\s+(\d{1,3}|[IVXLC]{1,8}|premier|PREMIER|première|PREMIÈRE|FIRST|First|ONE|One)\b\s*(?:[.:—–-](?:\s+|$))?\s*").unwrap()
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    // "1." "1)" "1.1" "1.1." followed by space; not "1.5 million" (digit after dot).
    // ASCII digits only: other scripts' digits (U+07C2) do not parse as numbers.
    Regex::new(r"^\s*([0-9]{1,3}(?:\.[0-9]{1,3})*)(\.|\))?(\s+|$)").unwrap()
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\(([a-z]{1,2}|[ivxl]{1,6}|[A-Z])\)|([a-z]{1,2}|[ivxl]{1,6})\))(\s+|$)")
        .unwrap()
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*([-•*▪◦‣–—])\s+").unwrap());
static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(#{1,6})\s+").unwrap());

/// A heading that cites a sub-unit of another unit: `PARAGRAPH 2 OF ARTICLE
/// 8`, `Paragraphe 2 de l’article 8`, `ALINÉA 2 DE L'ARTICLE 8`, `SECTION 3 OF
/// PART II`, `Section 3 du titre II`, `Item 4 of Annex B`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// The citation as printed, trimmed.
    pub printed: String,
    /// The cited unit's key: `Article 8`, `Part 2`, `Annex B`.
    pub unit: String,
    /// The sub-unit: a paragraph's number as numbered paragraphs are keyed
    /// (`2`), or a named division (`Section 3`).
    pub part: String,
    /// Whether the sub-unit is a paragraph (`paragraph`, `alinéa`, `item`),
    /// whose items take it as context, rather than a division.
    pub paragraph: bool,
}

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\s*
        (sub-?paragraph|paragraph|paragraphe|alin[ée]a|item|point|article|section|chapter|chapitre|part|partie|titre|title)
        \s+(\d{1,3}|[ivxlc]{1,8})
        \s+(?:of\s+(?:the\s+)?|du\s+|des\s+|de\s+la\s+|de\s+l['’]\s*|de\s+)
        (article|part|partie|titre|title|chapter|chapitre|section|annex|annexe|schedule|appendix|appendice)
        \s+(\d{1,4}|[ivxlcdm]{1,8}|[a-z]|premier|premi[èe]re|first|1er)\b",
    )
    .unwrap()
});

/// The key name of a unit or sub-unit named `word` (any case, either
/// language), as [`LabelValue::Division`] and `Article` keys spell it.
fn unit_name(word: &str) -> &'static str {
    match word.to_lowercase().as_str() {
        "article" => "Article",
        "part" | "partie" | "titre" | "title" => "Part",
        "chapter" | "chapitre" => "Chapter",
        "section" => "Section",
        "appendix" | "appendice" => "Appendix",
        _ => "Annex",
    }
}

/// The citation opening `text`, if it opens with one (the caller judges
/// whether the whole text reads as a heading).
pub(crate) fn citation(text: &str) -> Option<Citation> {
    let m = CITATION.captures(text)?;
    let inner = &m[1];
    let number = ordinal(&m[2])?;
    // A single letter other than I, V, X numbers by letter (`Annex B`, `Part C`).
    let outer = &m[3];
    let mut letters = m[4].chars();
    let unit = match (letters.next(), letters.next()) {
        (Some(c), None) if c.is_alphabetic() && !matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x') => {
            c.to_uppercase().to_string()
        }
        _ => ordinal(&m[4])?.to_string(),
    };
    let paragraph = !matches!(
        inner.to_lowercase().as_str(),
        "article" | "section" | "chapter" | "chapitre" | "part" | "partie" | "titre" | "title"
    );
    Some(Citation {
        printed: m[0].trim().to_string(),
        unit: format!("{} {unit}", unit_name(outer)),
        part: if paragraph {
            number.to_string()
        } else {
            format!("{} {number}", unit_name(inner))
        },
        paragraph,
    })
}

/// Find the label that opens `line`, if any.
///
/// `strict` asks for stronger evidence before reading a bare number as a label
/// (used on lines that may continue a hard-wrapped sentence).
pub(crate) fn parse(line: &str, strict: bool) -> Option<Label> {
    if let Some(m) = MARKDOWN.captures(line) {
        return Some(Label {
            printed: m[1].to_string(),
            value: LabelValue::Markdown(m[1].len()),
            len: m[0].len(),
        });
    }
    if let Some(m) = ARTICLE.captures(line) {
        let n = ordinal(&m[1])?;
        // The printed label keeps its separator ("Article 3."), so nothing is lost.
        let printed = line[..m[0].len()].trim().to_string();
        return Some(Label {
            printed,
            value: LabelValue::Article(n),
            len: m[0].len(),
        });
    }
    if let Some(m) = DIVISION.captures(line) {
        let n = ordinal(&m[2])?;
        let name = match m[1].to_lowercase().as_str() {
            "part" | "titre" | "partie" | "title" => "Part",
            "chapter" | "chapitre" => "Chapter",
            "section" => "Section",
            _ => "Annex",
        };
        let printed = line[..m[0].len()].trim().to_string();
        return Some(Label {
            printed,
            value: LabelValue::Division(name, n),
            len: m[0].len(),
        });
    }
    if let Some(m) = ITEM.captures(line) {
        let rest = &line[m[0].len()..];
        if rest.trim().is_empty() && strict {
            return None;
        }
        let letters = m.get(2).or_else(|| m.get(3))?.as_str().to_lowercase();
        return Some(Label {
            printed: m[1].to_string(),
            value: LabelValue::Item(letters),
            len: m[0].len(),
        });
    }
    if let Some(m) = NUMERIC.captures(line) {
        let number = &m[1];
        let punct = m.get(2).map(|p| p.as_str());
        let rest = &line[m[0].len()..];
        let parts: Vec<u32> = number.split('.').filter_map(|p| p.parse().ok()).collect();
        let next_word = rest.split_whitespace().next().unwrap_or("");
        let first = next_word.chars().next();
        // "03 Jun. 2020", "3 juin": a date, not a label.
        if is_month(next_word) {
            return None;
        }
        let opens_sentence = first.is_some_and(|c| {
            c.is_uppercase() || matches!(c, '«' | '"' | '“' | '‘' | '\'' | '(' | '[')
        });
        let label = match punct {
            // "1." / "1)": a label before text, or alone on its line.
            Some(_) => {
                if rest.is_empty() {
                    !strict
                } else {
                    opens_sentence || (!strict && first.is_some_and(char::is_alphabetic))
                }
            }
            // "1.1 Text" (dotted) or bare "1 Text": only before a capital.
            None => opens_sentence && parts[0] < 1000 && !(strict && parts.len() == 1),
        };
        if !label {
            return None;
        }
        let printed = format!("{number}{}", punct.unwrap_or(""));
        return Some(Label {
            printed,
            value: LabelValue::Numeric(parts),
            len: m[0].len(),
        });
    }
    if let Some(m) = BULLET.captures(line) {
        return Some(Label {
            printed: m[1].to_string(),
            value: LabelValue::Bullet,
            len: m[0].len(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(line: &str) -> Option<LabelValue> {
        parse(line, false).map(|l| l.value)
    }

    /// Found by the `segment` fuzz target: `\\d` matched the NKo digit two
    /// (U+07C2), which `u32::from_str` does not parse, so a bare "number"
    /// before a capital or quote indexed an empty list of parts and panicked.
    #[test]
    fn non_ascii_digit_before_a_quote_is_not_a_label() {
        assert_eq!(value("\u{7c2} '"), None);
        assert_eq!(value("\u{7c2}. Text"), None);
        assert_eq!(value("\u{663} Text"), None);
        assert_eq!(value("1.\u{663} Text"), None);
        assert_eq!(crate::segment::segment("\u{7c2} '").len(), 1);
    }

    #[test]
    fn numeric_labels() {
        assert_eq!(
            value("1. We strongly condemn"),
            Some(LabelValue::Numeric(vec![1]))
        );
        assert_eq!(
            value(" 1.         We observe"),
            Some(LabelValue::Numeric(vec![1]))
        );
        assert_eq!(
            value("2.\u{a0}We call on Russia"),
            Some(LabelValue::Numeric(vec![2]))
        );
        assert_eq!(value("3) Les Parties"), Some(LabelValue::Numeric(vec![3])));
        assert_eq!(value("1.2 Scope"), Some(LabelValue::Numeric(vec![1, 2])));
        assert_eq!(
            value("1 Without being restricted"),
            Some(LabelValue::Numeric(vec![1]))
        );
        assert_eq!(parse("1.", false).unwrap().printed, "1.");
    }

    #[test]
    fn dates_and_amounts_are_not_labels() {
        assert_eq!(value("03 Jun. 2020 - | Press Release (2020) 049"), None);
        assert_eq!(value("3 juin 2020"), None);
        assert_eq!(value("1.5 million people"), None);
        assert_eq!(value("2024 was a year"), None);
        assert_eq!(value("12 000 soldats"), None);
        assert_eq!(value("1 and 2"), None);
    }

    #[test]
    fn strict_mode_needs_punctuation() {
        assert_eq!(parse("2 Allies agreed", true), None);
        assert!(parse("2. Allies agreed", true).is_some());
    }

    #[test]
    fn items_and_articles() {
        assert_eq!(
            value("  (a) the Organisation"),
            Some(LabelValue::Item("a".into()))
        );
        assert_eq!(
            value("  a) l’Organisation"),
            Some(LabelValue::Item("a".into()))
        );
        assert_eq!(value("(iv) other"), Some(LabelValue::Item("iv".into())));
        assert_eq!(value("Article 8"), Some(LabelValue::Article(8)));
        assert_eq!(value("Article premier"), Some(LabelValue::Article(1)));
        assert_eq!(value("ARTICLE III"), Some(LabelValue::Article(3)));
        assert_eq!(
            value("PART I General"),
            Some(LabelValue::Division("Part", 1))
        );
        assert_eq!(
            value("TITRE II L’organisation"),
            Some(LabelValue::Division("Part", 2))
        );
        assert_eq!(value("# Statement"), Some(LabelValue::Markdown(1)));
        assert_eq!(value("- a bullet"), Some(LabelValue::Bullet));
        assert_eq!(
            parse("Article premier", false).unwrap().printed,
            "Article premier"
        );
    }

    #[test]
    fn citations_of_a_sub_unit_in_either_language_and_any_case() {
        let cite = |t: &str| citation(t).map(|c| (c.unit, c.part, c.paragraph));
        let art = Some(("Article 8".to_string(), "2".to_string(), true));
        for t in [
            "PARAGRAPH 2 OF ARTICLE 8",
            "Paragraph 2 of Article 8",
            "paragraph 2 of article VIII",
            "PARAGRAPHE 2 DE L'ARTICLE 8",
            "Paragraphe 2 de l’article 8",
            "ALINÉA 2 DE L'ARTICLE 8",
            "alinéa 2 de l’Article VIII",
        ] {
            assert_eq!(cite(t), art, "{t}");
        }
        let section = Some(("Part 2".to_string(), "Section 3".to_string(), false));
        assert_eq!(cite("SECTION 3 OF PART II"), section);
        assert_eq!(cite("Section 3 du titre II"), section);
        assert_eq!(
            cite("Item 4 of Annex B"),
            Some(("Annex B".to_string(), "4".to_string(), true))
        );
        assert_eq!(
            cite("Article 3 of Annex I"),
            Some(("Annex 1".to_string(), "Article 3".to_string(), false))
        );
        assert_eq!(
            citation("PARAGRAPH 2 OF ARTICLE 8 OF THE AGREEMENT")
                .unwrap()
                .printed,
            "PARAGRAPH 2 OF ARTICLE 8"
        );
        // Not citations: no sub-unit number, or no unit cited.
        assert_eq!(cite("Paragraphs of Article 8"), None);
        assert_eq!(cite("Article 8 of the Agreement"), None);
        assert_eq!(cite("Paragraph 2 of the Agreement"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("VX"), None);
        assert_eq!(roman("ABC"), None);
    }
}
