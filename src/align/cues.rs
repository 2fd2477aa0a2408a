//! Content cues that say two texts are translations of each other, whatever
//! their numbering: the numbers they contain, the entities of the EN↔FR
//! [`lexicon`](crate::lexicon::entities) they name (NATO/OTAN, Estonia/Estonie),
//! cognates (words sharing their first five letters once accents are folded:
//! `cyberespace`/`cyberspace`, `Déclaration`/`Declaration`), and the entries
//! of a user's glossary (set by the aligner, [`Cues::terms`]).

use crate::lexicon;

/// 64-bit words of the cognate signature (1024 bits: a paragraph's few dozen
/// prefixes rarely collide).
pub(crate) const WEAK_WORDS: usize = 16;

/// The cues of one text: strong ones as sorted hashes, cognates as a
/// signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cues {
    /// Numbers and entities: rare, strong evidence (multiset).
    pub strong: Vec<u64>,
    /// Cognate prefixes of content words, as a 1024-bit set signature:
    /// merging is an OR and comparing a popcount, with no allocation in the
    /// dynamic program's inner loop.
    pub weak: [u64; WEAK_WORDS],
    /// Bits set in `weak`, counted once: [`agreement`] runs in the dynamic
    /// program's inner loop.
    pub weak_bits: u32,
    /// The entities among `strong` (EN↔FR names of the lexicon), sorted: a
    /// translation rarely drops a name.
    pub entities: Vec<u16>,
    /// The entries of a glossary found in the text (its English term in an
    /// English text, an equivalent in a French one), sorted; empty without
    /// a glossary. Shared ones count as shared strong cues; one on one side
    /// only costs nothing, as translations rephrase (and `check` reports
    /// it as `term-missing`).
    pub terms: Vec<u32>,
}

fn count_bits(weak: &[u64; WEAK_WORDS]) -> u32 {
    weak.iter().map(|w| w.count_ones()).sum()
}

/// FNV-1a of a tag and a string: cheap for the short strings cues are.
fn hash(tag: u8, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(tag);
    for b in value.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Cues {
    /// Extract the cues of a text.
    pub fn new(text: &str) -> Cues {
        let mut strong: Vec<u64> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| {
                let t = t.trim_start_matches('0');
                hash(0, if t.is_empty() { "0" } else { t })
            })
            .collect();
        let mut entities: Vec<u16> = lexicon::entities(text).into_iter().map(|id| id.0).collect();
        strong.extend(entities.iter().map(|id| hash(1, &id.to_string())));
        strong.sort_unstable();
        entities.sort_unstable();
        let mut weak = [0u64; WEAK_WORDS];
        let mut folded = String::new();
        for w in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 5 && w.chars().nth(4).is_some())
        {
            folded.clear();
            lexicon::fold_into(w, &mut folded);
            let end = folded
                .char_indices()
                .nth(5)
                .map_or(folded.len(), |(i, _)| i);
            let h = hash(2, &folded[..end]);
            weak[((h >> 6) as usize) % WEAK_WORDS] |= 1 << (h & 63);
        }
        Cues {
            strong,
            weak_bits: count_bits(&weak),
            weak,
            entities,
            terms: Vec::new(),
        }
    }

    /// The cues of several texts together (a merged unit).
    pub fn merged(parts: &[&Cues]) -> Cues {
        if let [one] = parts {
            return (*one).clone();
        }
        let mut strong: Vec<u64> = parts
            .iter()
            .flat_map(|c| c.strong.iter().copied())
            .collect();
        let mut weak = [0u64; WEAK_WORDS];
        for c in parts {
            for (w, x) in weak.iter_mut().zip(c.weak) {
                *w |= x;
            }
        }
        strong.sort_unstable();
        let mut entities: Vec<u16> = parts
            .iter()
            .flat_map(|c| c.entities.iter().copied())
            .collect();
        entities.sort_unstable();
        let mut terms: Vec<u32> = parts.iter().flat_map(|c| c.terms.iter().copied()).collect();
        terms.sort_unstable();
        Cues {
            strong,
            weak_bits: count_bits(&weak),
            weak,
            entities,
            terms,
        }
    }
}

/// Size of the intersection of two sorted sequences (as multisets).
pub(crate) fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

/// How two sets of cues agree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    /// Strong cues on both sides.
    pub strong_shared: usize,
    /// Strong cues on one side only.
    pub strong_only: usize,
    /// Dice coefficient of the cognate sets, in [0, 1].
    pub cognates: f64,
}

/// Compare the cues of two texts.
pub fn agreement(en: &Cues, fr: &Cues) -> Agreement {
    let s = shared(&en.strong, &fr.strong);
    // Glossary entries add to the shared cues only (see `Cues::terms`).
    let terms = if en.terms.is_empty() || fr.terms.is_empty() {
        0
    } else {
        shared(&en.terms, &fr.terms)
    };
    let w: usize = en
        .weak
        .iter()
        .zip(&fr.weak)
        .map(|(a, b)| (a & b).count_ones() as usize)
        .sum();
    let total_w = (en.weak_bits + fr.weak_bits) as usize;
    Agreement {
        strong_shared: s + terms,
        strong_only: en.strong.len() + fr.strong.len() - 2 * s,
        cognates: if total_w == 0 {
            0.0
        } else {
            2.0 * w as f64 / total_w as f64
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_share_cues() {
        let en = Cues::new(
            "We recall that in 2024, Germany and the Czech Republic attributed activity to APT 28.",
        );
        let fr = Cues::new(
            "Nous rappelons qu’en 2024, l’Allemagne et la République tchèque avaient attribué ces actes à APT28.",
        );
        let a = agreement(&en, &fr);
        // 2024, 28 (APT 28 / APT28), Germany, Czech Republic, APT28.
        assert_eq!(a.strong_shared, 5, "{a:?}");
        assert_eq!(a.strong_only, 0);
        assert!(a.cognates > 0.2, "{a:?}");
        let other =
            Cues::new("Tous les êtres humains naissent libres et égaux en dignité et en droits.");
        assert!(agreement(&en, &other).cognates < a.cognates);
    }

    #[test]
    fn glossary_terms_are_shared_cues_only() {
        let mut en = Cues::new("The staff may bring their furniture.");
        let mut fr = Cues::new("Le personnel peut introduire son mobilier.");
        let before = agreement(&en, &fr);
        (en.terms, fr.terms) = (vec![0, 3], vec![3, 5]);
        let after = agreement(&en, &fr);
        assert_eq!(after.strong_shared, before.strong_shared + 1);
        // A term on one side only costs nothing: translations rephrase.
        assert_eq!(after.strong_only, before.strong_only);
        let merged = Cues::merged(&[&en, &fr]);
        assert_eq!(merged.terms, [0, 3, 3, 5]);
    }
}
