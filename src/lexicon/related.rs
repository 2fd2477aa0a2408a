//! Related forms of the lexicon's entities: demonyms and adjectives
//! (`American`, `américaines` for the United States), and weak forms, common
//! words that show an entity is there (`informatique` for IT). Input: the
//! rows below. Output: their surface forms, French ones in every gender and
//! number ([`forms`]).
//!
//! Each row is (the entities, by one of their table forms, `|`-separated;
//! English forms; French forms). A form written with a capital must be
//! capitalised in the text (English demonyms: `Polish`, not `polish`); a
//! lower-case form matches in any case. A French form ending in `*` stands
//! for its masculine and feminine, singular and plural (`américain*`:
//! américain, américaine, américains, américaines).
//!
//! Judgement calls: `French` is also the language and `français` too; both
//! count for France (a text naming the language rarely drops the country).
//! `European`/`européen*` count for Europe and the EU alike: texts pass from
//! one to the other. `Allied`/`allié*` count for the Allies and the
//! Alliance. `English`/`anglais` name a language and England, which is not in
//! the tables: they count for nothing.

/// Demonyms and adjectives of countries, unions and alliances.
pub(super) const DEMONYMS: &[(&str, &str, &str)] = &[
    // NATO members.
    ("Albania", "Albanian|Albanians", "albanais*"),
    ("Belgium", "Belgian|Belgians", "belge*"),
    ("Bulgaria", "Bulgarian|Bulgarians", "bulgare*"),
    ("Canada", "Canadian|Canadians", "canadien*"),
    ("Croatia", "Croatian|Croatians|Croat|Croats", "croate*"),
    ("Czech Republic", "Czech|Czechs", "tchèque*"),
    ("Denmark", "Danish|Dane|Danes", "danois*"),
    ("Estonia", "Estonian|Estonians", "estonien*"),
    ("Finland", "Finnish|Finn|Finns", "finlandais*"),
    ("France", "French|Frenchman|Frenchmen", "français*"),
    ("Germany", "German|Germans", "allemand*"),
    ("Greece", "Greek|Greeks", "grec|grecque|grecs|grecques"),
    ("Hungary", "Hungarian|Hungarians", "hongrois*"),
    ("Iceland", "Icelandic|Icelander|Icelanders", "islandais*"),
    ("Italy", "Italian|Italians", "italien*"),
    (
        "Latvia",
        "Latvian|Latvians",
        "letton|lettone|lettonne|lettons|lettones|lettonnes",
    ),
    ("Lithuania", "Lithuanian|Lithuanians", "lituanien*"),
    (
        "Luxembourg",
        "Luxembourgish|Luxembourger|Luxembourgers",
        "luxembourgeois*",
    ),
    ("Montenegro", "Montenegrin|Montenegrins", "monténégrin*"),
    ("Netherlands", "Dutch", "néerlandais*"),
    (
        "North Macedonia",
        "North Macedonian|North Macedonians|Macedonian|Macedonians",
        "macédonien*",
    ),
    ("Norway", "Norwegian|Norwegians", "norvégien*"),
    ("Poland", "Polish", "polonais*"),
    ("Portugal", "Portuguese", "portugais*"),
    ("Romania", "Romanian|Romanians", "roumain*"),
    (
        "Slovakia",
        "Slovak|Slovaks|Slovakian|Slovakians",
        "slovaque*",
    ),
    (
        "Slovenia",
        "Slovenian|Slovenians|Slovene|Slovenes",
        "slovène*",
    ),
    ("Spain", "Spanish|Spaniard|Spaniards", "espagnol*"),
    ("Sweden", "Swedish|Swede|Swedes", "suédois*"),
    ("Türkiye", "Turkish|Turk|Turks", "turc|turque|turcs|turques"),
    ("United Kingdom", "British|Briton|Britons", "britannique*"),
    ("United States", "American|Americans", "américain*"),
    // Partners and others.
    ("Ukraine", "Ukrainian|Ukrainians", "ukrainien*"),
    ("Russia", "Russian|Russians", "russe*"),
    ("China", "Chinese", "chinois*"),
    ("Georgia", "Georgian|Georgians", "géorgien*"),
    ("Moldova", "Moldovan|Moldovans", "moldove*|moldave*"),
    (
        "Belarus",
        "Belarusian|Belarusians",
        "bélarussien*|biélorusse*",
    ),
    ("Iran", "Iranian|Iranians", "iranien*"),
    ("North Korea", "North Korean|North Koreans", "nord-coréen*"),
    ("South Korea", "South Korean|South Koreans", "sud-coréen*"),
    ("North Korea|South Korea", "Korean|Koreans", "coréen*"),
    ("Japan", "Japanese", "japonais*"),
    ("Australia", "Australian|Australians", "australien*"),
    (
        "New Zealand",
        "New Zealander|New Zealanders",
        "néo-zélandais*",
    ),
    ("Switzerland", "Swiss", "suisse*"),
    ("Austria", "Austrian|Austrians", "autrichien*"),
    ("Ireland", "Irish", "irlandais*"),
    ("Serbia", "Serbian|Serbians|Serb|Serbs", "serbe*"),
    (
        "Bosnia and Herzegovina",
        "Bosnian|Bosnians",
        "bosnien*|bosniaque*",
    ),
    ("Kosovo", "Kosovar|Kosovars|Kosovan|Kosovans", "kosovar*"),
    ("Afghanistan", "Afghan|Afghans", "afghan*"),
    ("Iraq", "Iraqi|Iraqis", "iraquien*|irakien*"),
    ("Syria", "Syrian|Syrians", "syrien*"),
    ("Libya", "Libyan|Libyans", "libyen*"),
    ("Europe|EU", "European|Europeans", "européen*"),
    ("Allies|Alliance", "Allied|Ally", "allié*"),
    // Organisations.
    ("NATO", "", "otanien*"),
    ("UN", "", "onusien*"),
];

/// Weak forms: common words (lower case in the table, so any case in the
/// text) that satisfy an entity's presence, never a finding themselves.
pub(super) const WEAK: &[(&str, &str, &str)] = &[
    (
        "IT",
        "information technology|information technologies",
        "informatique|informatiques|technologies de l'information|technologie de l'information",
    ),
    (
        "NGO",
        "non-governmental organization|non-governmental organizations|non-governmental organisation|non-governmental organisations",
        "organisation non gouvernementale|organisations non gouvernementales",
    ),
    (
        "WMD",
        "weapon of mass destruction",
        "arme de destruction massive",
    ),
];

/// The surface forms of a row: its English forms and its French ones, a
/// trailing `*` inflected.
pub(super) fn forms(en: &str, fr: &str) -> Vec<String> {
    let mut out: Vec<String> = en
        .split('|')
        .filter(|f| !f.is_empty())
        .map(String::from)
        .collect();
    for f in fr.split('|').filter(|f| !f.is_empty()) {
        match f.strip_suffix('*') {
            Some(base) => out.extend(inflect(base)),
            None => out.push(f.to_string()),
        }
    }
    out
}

/// A French masculine singular adjective in both genders and numbers:
/// `russe` → russe, russes; `français` → français, française, françaises;
/// `canadien` → canadien, canadienne, canadiens, canadiennes; otherwise
/// `allemand` → allemand, allemande, allemands, allemandes.
fn inflect(base: &str) -> Vec<String> {
    let b = base.to_string();
    if base.ends_with('e') {
        vec![b.clone(), b + "s"]
    } else if base.ends_with(['s', 'x']) {
        vec![b.clone(), format!("{b}e"), format!("{b}es")]
    } else if base.ends_with("en") {
        let fem = format!("{b}ne");
        vec![b.clone(), format!("{b}s"), fem.clone(), fem + "s"]
    } else {
        vec![
            b.clone(),
            format!("{b}e"),
            format!("{b}s"),
            format!("{b}es"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("russe"), ["russe", "russes"]);
        assert_eq!(inflect("français"), ["français", "française", "françaises"]);
        assert_eq!(
            inflect("canadien"),
            ["canadien", "canadiens", "canadienne", "canadiennes"]
        );
        assert_eq!(
            inflect("allemand"),
            ["allemand", "allemande", "allemands", "allemandes"]
        );
    }
}
