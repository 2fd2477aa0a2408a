//! Word's automatic numbering and paragraph styles, resolved to printed labels.
//!
//! Input: `word/numbering.xml` and `word/styles.xml` (either may be absent).
//! Output: [`Styles`] (what a paragraph style says: heading, title, the
//! numbering it carries, following `w:basedOn`) and [`Numbering`], which
//! turns each numbered paragraph, in document order, into the label Word
//! prints (`1.`, `(a)`, `1.2`, `Article 3`, `•`).
//!
//! Guarantees: counters are kept per `w:numId` (a `w:num` with its
//! `w:lvlOverride`/`w:startOverride` over its `w:abstractNum`); a level
//! restarts when a shallower level advances (or as `w:lvlRestart` says);
//! unknown formats print as decimal; a malformed value is ignored, never a
//! panic; cycles in `w:basedOn` are cut.

use rustc_hash::FxHashMap;

use super::xml::{XmlError, attr, events, local};
use quick_xml::events::Event;

/// Deepest level Word numbers (0 to 8).
const LEVELS: usize = 9;

/// One level of a list: how its number is printed.
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    format: String,
    text: Option<String>,
    restart: Option<usize>,
    legal: bool,
    style: Option<String>,
}

/// `w:numId` and `w:ilvl`, each as given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NumPr {
    /// The list instance (`0`: no numbering).
    pub num: Option<u32>,
    /// The level, 0-based.
    pub level: Option<usize>,
}

/// What a paragraph style says of its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    num: NumPr,
    outline: Option<u8>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: FxHashMap<String, Style>,
    default: Option<String>,
}

/// How a style makes a paragraph read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StyleKind {
    /// `Title` (or `Titre`).
    Title,
    /// `heading N`, `Titre N`, or any style with an outline level.
    Heading,
    /// Anything else.
    Plain,
}

impl Styles {
    /// Parse `word/styles.xml`.
    pub(crate) fn parse(xml: &[u8]) -> Result<Styles, XmlError> {
        let mut out = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut in_ppr = 0usize;
        let mut depth_change = 0usize;
        events(xml, |ev| match ev {
            Event::Start(e) | Event::Empty(e) => {
                let start = matches!(ev, Event::Start(_));
                let name = local(e);
                if depth_change > 0 {
                    depth_change += usize::from(start);
                    return;
                }
                match name {
                    b"style" => {
                        let paragraph = attr(e, b"type").is_none_or(|t| t == "paragraph");
                        if let (true, Some(id)) = (paragraph, attr(e, b"styleId")) {
                            if attr(e, b"default").is_some_and(|d| d == "1" || d == "true") {
                                out.default = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                    }
                    b"pPrChange" | b"rPrChange" if start => depth_change = 1,
                    b"pPr" if start => in_ppr += 1,
                    _ => {}
                }
                let Some((_, style)) = current.as_mut() else {
                    return;
                };
                let val = || attr(e, b"val");
                match name {
                    b"name" => style.name = val().unwrap_or_default(),
                    b"basedOn" => style.based_on = val(),
                    b"numId" if in_ppr > 0 => style.num.num = val().and_then(|v| v.parse().ok()),
                    b"ilvl" if in_ppr > 0 => {
                        style.num.level = val().and_then(|v| v.parse().ok());
                    }
                    b"outlineLvl" if in_ppr > 0 => {
                        style.outline = val().and_then(|v| v.parse().ok());
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if depth_change > 0 {
                    depth_change -= 1;
                    return;
                }
                match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, style)) = current.take() {
                            out.styles.insert(id, style);
                        }
                    }
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    _ => {}
                }
            }
            _ => {}
        })?;
        Ok(out)
    }

    /// The chain of a style and the styles it is based on (at most 16).
    fn chain(&self, id: Option<&str>) -> Vec<(&str, &Style)> {
        let mut out: Vec<(&str, &Style)> = Vec::new();
        let mut next = id.or(self.default.as_deref());
        while let Some(id) = next {
            if out.len() >= 16 || out.iter().any(|(i, _)| *i == id) {
                break;
            }
            let Some((key, style)) = self.styles.get_key_value(id) else {
                break;
            };
            out.push((key.as_str(), style));
            next = style.based_on.as_deref();
        }
        out
    }

    /// The numbering a paragraph of style `id` inherits, and the style that
    /// gave it (a level may name its style rather than give `w:ilvl`).
    pub(crate) fn numbering(&self, id: Option<&str>) -> Option<(NumPr, String)> {
        self.chain(id)
            .into_iter()
            .find(|(_, s)| s.num.num.is_some())
            .map(|(id, s)| (s.num, id.to_string()))
    }

    /// Whether a style makes a title, a heading or a plain paragraph.
    pub(crate) fn kind(&self, id: Option<&str>) -> StyleKind {
        for (i, (sid, style)) in self.chain(id).into_iter().enumerate() {
            let name = style.name.trim().to_lowercase();
            let direct = if name.is_empty() {
                sid.to_lowercase()
            } else {
                name
            };
            if i == 0 && (direct == "title" || direct == "titre") {
                return StyleKind::Title;
            }
            let numbered = |prefix: &str| {
                direct
                    .strip_prefix(prefix)
                    .is_some_and(|n| !n.is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
            };
            if numbered("heading") || numbered("titre") || style.outline.is_some_and(|l| l < 9) {
                return StyleKind::Heading;
            }
        }
        StyleKind::Plain
    }
}

/// A list instance: its abstract list and overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<u32>,
    start: [Option<i64>; LEVELS],
    levels: [Option<Level>; LEVELS],
}

/// The numbering definitions and the counters of a document being read.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: FxHashMap<u32, [Level; LEVELS]>,
    nums: FxHashMap<u32, Num>,
    counters: FxHashMap<u32, [Option<i64>; LEVELS]>,
}

impl Numbering {
    /// Parse `word/numbering.xml`.
    pub(crate) fn parse(xml: &[u8]) -> Result<Numbering, XmlError> {
        let mut out = Numbering::default();
        let mut abstract_id: Option<u32> = None;
        let mut levels: [Level; LEVELS] = Default::default();
        let mut num: Option<(u32, Num)> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        events(xml, |ev| match ev {
            Event::Start(e) | Event::Empty(e) => {
                let val = || attr(e, b"val");
                let int = || val().and_then(|v| v.trim().parse::<i64>().ok());
                match local(e) {
                    b"abstractNum" => {
                        abstract_id = attr(e, b"abstractNumId").and_then(|v| v.parse().ok());
                        levels = Default::default();
                    }
                    b"num" => {
                        num = attr(e, b"numId")
                            .and_then(|v| v.parse().ok())
                            .map(|id| (id, Num::default()));
                    }
                    b"abstractNumId" => {
                        if let Some((_, n)) = num.as_mut() {
                            n.abstract_id = val().and_then(|v| v.parse().ok());
                        }
                    }
                    b"lvlOverride" => {
                        override_level = attr(e, b"ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l: &usize| l < LEVELS);
                    }
                    b"startOverride" => {
                        if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                            n.start[l] = int();
                        }
                    }
                    b"lvl" => {
                        level = attr(e, b"ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l: &usize| l < LEVELS)
                            .map(|l| (l, Level::default()));
                    }
                    name => {
                        if let Some((_, lvl)) = level.as_mut() {
                            match name {
                                b"start" => lvl.start = int(),
                                b"numFmt" => lvl.format = val().unwrap_or_default(),
                                b"lvlText" => lvl.text = val(),
                                b"lvlRestart" => {
                                    lvl.restart = int().and_then(|v| usize::try_from(v).ok());
                                }
                                b"isLgl" => {
                                    lvl.legal = val().is_none_or(|v| v != "0" && v != "false")
                                }
                                b"pStyle" => lvl.style = val(),
                                _ => {}
                            }
                        }
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"lvl" => {
                    if let Some((l, lvl)) = level.take() {
                        match (num.as_mut(), override_level) {
                            (Some((_, n)), Some(_)) => n.levels[l] = Some(lvl),
                            _ => levels[l] = lvl,
                        }
                    }
                }
                b"lvlOverride" => override_level = None,
                b"abstractNum" => {
                    if let Some(id) = abstract_id.take() {
                        out.abstracts.insert(id, std::mem::take(&mut levels));
                    }
                }
                b"num" => {
                    if let Some((id, n)) = num.take() {
                        out.nums.insert(id, n);
                    }
                }
                _ => {}
            },
            _ => {}
        })?;
        Ok(out)
    }

    /// The level definition of list `num` at `level`.
    fn level(&self, num: u32, level: usize) -> Option<&Level> {
        let n = self.nums.get(&num)?;
        if let Some(Some(l)) = n.levels.get(level) {
            return Some(l);
        }
        self.abstracts.get(&n.abstract_id?)?.get(level)
    }

    /// The level of list `num` whose `w:pStyle` is `style`.
    pub(crate) fn level_of_style(&self, num: u32, style: &str) -> Option<usize> {
        (0..LEVELS).find(|&l| {
            self.level(num, l)
                .is_some_and(|lvl| lvl.style.as_deref() == Some(style))
        })
    }

    /// The start value of list `num` at `level`.
    fn start(&self, num: u32, level: usize) -> i64 {
        self.nums
            .get(&num)
            .and_then(|n| n.start[level])
            .or_else(|| self.level(num, level).and_then(|l| l.start))
            .unwrap_or(1)
    }

    /// The next label of list `num` at `level` (advancing its counter), or
    /// `None` when the list is unknown or prints nothing. Whether it is a
    /// bullet is the second value.
    pub(crate) fn next(&mut self, num: u32, level: usize) -> Option<(String, bool)> {
        let level = level.min(LEVELS - 1);
        let def = self.level(num, level)?.clone();
        let mut counters = self.counters.get(&num).copied().unwrap_or([None; LEVELS]);
        let value = match counters[level] {
            Some(c) => c.saturating_add(1),
            None => self.start(num, level),
        };
        counters[level] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            let restart = self
                .level(num, deeper)
                .and_then(|l| l.restart)
                .unwrap_or(deeper);
            if level < restart {
                *counter = None;
            }
        }
        self.counters.insert(num, counters);
        if def.format == "bullet" {
            return Some(("•".to_string(), true));
        }
        let text = def
            .text
            .clone()
            .unwrap_or_else(|| format!("%{}.", level + 1));
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced = chars.peek().and_then(|d| d.to_digit(10));
            match referenced {
                Some(d) if c == '%' && (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let v = counters[l].unwrap_or_else(|| self.start(num, l));
                    let format = match self.level(num, l) {
                        _ if def.legal => "decimal",
                        Some(lv) => lv.format.as_str(),
                        None => "decimal",
                    };
                    label.push_str(&format_number(v, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some((label, false))
    }
}

/// `n` in Word's number format `format`.
pub(crate) fn format_number(n: i64, format: &str) -> String {
    match format {
        "none" => String::new(),
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "ordinal" => {
            let suffix = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        _ => n.to_string(),
    }
}

/// Word's letters: a, b, … z, aa, bb, … (the letter repeated).
fn letters(n: i64, upper: bool) -> String {
    if n < 1 {
        return n.to_string();
    }
    let n = (n - 1) as u64;
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + (n % 26) as u8);
    let times = ((n / 26) + 1).min(64) as usize;
    std::iter::repeat_n(c, times).collect()
}

/// Upper-case Roman numerals (plain digits past 3999 or below 1).
fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in [
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
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/><w:pStyle w:val="Art"/></w:lvl>
        <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
      <w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;

    fn label(n: &mut Numbering, num: u32, level: usize) -> String {
        n.next(num, level).map(|(l, _)| l).unwrap_or_default()
    }

    #[test]
    fn levels_count_and_restart_as_word_prints_them() {
        let mut n = Numbering::parse(NUMBERING.as_bytes()).unwrap();
        assert_eq!(label(&mut n, 5, 0), "1.");
        assert_eq!(label(&mut n, 5, 1), "(a)");
        assert_eq!(label(&mut n, 5, 1), "(b)");
        assert_eq!(label(&mut n, 5, 2), "1.2.1");
        assert_eq!(label(&mut n, 5, 0), "2.");
        assert_eq!(label(&mut n, 5, 1), "(a)");
        // Another instance of the same list, starting at 4, counts apart.
        assert_eq!(label(&mut n, 6, 0), "4.");
        assert_eq!(label(&mut n, 6, 0), "5.");
        assert_eq!(label(&mut n, 5, 0), "3.");
        assert_eq!(label(&mut n, 7, 0), "Article I");
        assert_eq!(label(&mut n, 7, 0), "Article II");
        assert_eq!(n.next(7, 1), Some(("•".to_string(), true)));
        assert_eq!(n.level_of_style(7, "Art"), Some(0));
        assert_eq!(n.next(99, 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(22, "ordinal"), "22nd");
        assert_eq!(format_number(12, "ordinal"), "12th");
        assert_eq!(format_number(5, "none"), "");
        assert_eq!(format_number(5, "chineseCounting"), "5");
        assert_eq!(format_number(0, "lowerRoman"), "0");
    }

    #[test]
    fn styles_follow_based_on_and_name_headings() {
        let xml = r#"<w:styles xmlns:w="w">
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="T1"><w:name w:val="Titre 1"/></w:style>
          <w:style w:type="paragraph" w:styleId="Out"><w:name w:val="My head"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
          <w:style w:type="paragraph" w:styleId="List"><w:name w:val="List"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="List2"><w:name w:val="List 2"/><w:basedOn w:val="List"/></w:style>
          <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        let s = Styles::parse(xml.as_bytes()).unwrap();
        assert_eq!(s.kind(Some("Heading2")), StyleKind::Heading);
        assert_eq!(s.kind(Some("T1")), StyleKind::Heading);
        assert_eq!(s.kind(Some("Out")), StyleKind::Heading);
        assert_eq!(s.kind(Some("Title")), StyleKind::Title);
        assert_eq!(s.kind(None), StyleKind::Plain);
        assert_eq!(s.kind(Some("Loop")), StyleKind::Plain);
        let (num, from) = s.numbering(Some("List2")).unwrap();
        assert_eq!((num.num, num.level, from.as_str()), (Some(5), None, "List"));
        assert!(s.numbering(Some("Heading2")).is_none());
    }
}
