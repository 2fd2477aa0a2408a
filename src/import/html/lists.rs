//! `<ol>` numbering as a browser prints it.
//!
//! Input: an `<ol>`'s `start`, `type` and `reversed` and its items' `value`s.
//! Output: each item's printed label. Guarantees: decimal items print `1.`;
//! letters and Roman numerals print in parentheses, `(a)`, `(A)`, `(iv)`,
//! because the segmenter reads those forms (`src/segment/label.rs` reads
//! neither `a.` nor `IV.`): upper-case Roman numerals print in lower case,
//! `(iv)`, which it reads. A number a style cannot print (letters for 0 or
//! less, Roman numerals past 3999) prints in decimal, as browsers do.

/// A list's numbering state.
#[derive(Debug, Clone)]
pub(super) struct Counter {
    /// The next item's number.
    pub next: i64,
    /// +1, or -1 for a `reversed` list.
    pub step: i64,
    /// `1`, `a`, `A`, `i`, `I`; `None` for an unordered list.
    pub style: Option<char>,
}

impl Counter {
    /// The counter of an `<ol>` with these attributes; `items` is its number
    /// of `<li>` children (the start of a reversed list without `start`).
    pub fn ordered(start: Option<&str>, kind: Option<&str>, reversed: bool, items: usize) -> Self {
        let step = if reversed { -1 } else { 1 };
        let start = start.and_then(|s| s.trim().parse::<i64>().ok());
        let next = start.unwrap_or(if reversed { items as i64 } else { 1 });
        let style = match kind.map(str::trim) {
            Some("a") => 'a',
            Some("A") => 'A',
            Some("i") => 'i',
            Some("I") => 'I',
            _ => '1',
        };
        Counter {
            next,
            step,
            style: Some(style),
        }
    }

    /// The counter of a `<ul>` (no labels).
    pub fn unordered() -> Self {
        Counter {
            next: 1,
            step: 1,
            style: None,
        }
    }

    /// The label of the next item (`value` its `value` attribute), and the
    /// counter moved on.
    pub fn label(&mut self, value: Option<&str>) -> Option<String> {
        let style = self.style?;
        if let Some(v) = value.and_then(|v| v.trim().parse::<i64>().ok()) {
            self.next = v;
        }
        let n = self.next;
        self.next = self.next.saturating_add(self.step);
        Some(print(n, style))
    }
}

/// `n` printed in `style`.
pub(super) fn print(n: i64, style: char) -> String {
    match style {
        'a' | 'A' if n > 0 => {
            let mut letters = Vec::new();
            let mut k = n;
            while k > 0 {
                k -= 1;
                letters.push((b'a' + (k % 26) as u8) as char);
                k /= 26;
            }
            let s: String = letters.into_iter().rev().collect();
            let s = if style == 'A' { s.to_uppercase() } else { s };
            format!("({s})")
        }
        'i' | 'I' if (1..4000).contains(&n) => format!("({})", roman(n)),
        _ => format!("{n}."),
    }
}

fn roman(mut n: i64) -> String {
    const TABLE: &[(i64, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_type_reversed_and_value() {
        let mut c = Counter::ordered(Some("7"), None, false, 3);
        assert_eq!(c.label(None).as_deref(), Some("7."));
        assert_eq!(c.label(Some("12")).as_deref(), Some("12."));
        assert_eq!(c.label(None).as_deref(), Some("13."));
        let mut r = Counter::ordered(None, Some("1"), true, 3);
        let labels: Vec<_> = (0..3).filter_map(|_| r.label(None)).collect();
        assert_eq!(labels, ["3.", "2.", "1."]);
        let mut a = Counter::ordered(Some("26"), Some("a"), false, 2);
        assert_eq!(a.label(None).as_deref(), Some("(z)"));
        assert_eq!(a.label(None).as_deref(), Some("(aa)"));
        assert_eq!(print(4, 'A'), "(D)");
        assert_eq!(print(4, 'i'), "(iv)");
        assert_eq!(print(9, 'I'), "(ix)");
        assert_eq!(print(0, 'a'), "0.");
        assert_eq!(Counter::unordered().label(None), None);
    }
}
