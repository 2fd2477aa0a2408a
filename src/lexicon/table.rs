//! The tables of the lexicon: one row per entity, its English and French
//! forms `|`-separated, grouped by kind. The order of the rows is the
//! entities' numbering ([`super::EntityId`]), which the aligner's cues and
//! corpus pairing hash: new rows go at the end of [`CHECK_ONLY`], or, for the
//! aligner too, after measuring that alignments do not change.

use super::Kind;

/// The aligner's and the checker's tables, in numbering order.
pub(super) const TABLES: &[(Kind, &[(&str, &str)])] = &[
    (Kind::Organisation, ORGANISATIONS),
    (Kind::Country, COUNTRIES),
    (Kind::Place, PLACES),
    (Kind::Organisation, COMPANIES),
];

/// Organisations, institutions and their acronyms.
const ORGANISATIONS: &[(&str, &str)] = &[
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
];

/// Countries and unions of them: NATO members, partners, others often named.
const COUNTRIES: &[(&str, &str)] = &[
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
];

/// Cities, regions and places.
const PLACES: &[(&str, &str)] = &[
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
];

/// Companies.
const COMPANIES: &[(&str, &str)] = &[("Microsoft", "Microsoft")];

/// Places the checker knows and the aligner does not (yet): adding a row to
/// the aligner's tables changes its cues, which needs measuring first. Their
/// kind is [`Kind::Place`].
pub(super) const CHECK_ONLY: &[(&str, &str)] = &[
    ("Geneva", "Genève"),
    ("New York", "New York"),
    ("Vienna", "Vienne"),
    ("Strasbourg", "Strasbourg"),
    ("Berlin", "Berlin"),
    ("Rome", "Rome"),
    ("Oslo", "Oslo"),
    ("Copenhagen", "Copenhague"),
    ("Stockholm", "Stockholm"),
    ("Helsinki", "Helsinki"),
    ("Riga", "Riga"),
    ("Prague", "Prague"),
    ("Budapest", "Budapest"),
    ("Bucharest", "Bucarest"),
    ("Sofia", "Sofia"),
    ("Athens", "Athènes"),
    ("Ankara", "Ankara"),
    ("Bratislava", "Bratislava"),
    ("Ljubljana", "Ljubljana"),
    ("Zagreb", "Zagreb"),
    ("Tirana", "Tirana"),
    ("Podgorica", "Podgorica"),
    ("Skopje", "Skopje"),
    ("Reykjavik", "Reykjavik"),
    ("Amsterdam", "Amsterdam"),
    ("Bern|Berne", "Berne"),
    ("Dublin", "Dublin"),
    ("Minsk", "Minsk"),
    ("Tbilisi", "Tbilissi"),
    ("Chisinau", "Chisinau"),
    ("Tokyo", "Tokyo"),
    ("Canberra", "Canberra"),
    ("Seoul", "Séoul"),
    ("Pyongyang", "Pyongyang"),
    ("Tehran", "Téhéran"),
    ("Baghdad", "Bagdad"),
    ("Damascus", "Damas"),
    ("Kabul", "Kaboul"),
    ("Belgrade", "Belgrade"),
    ("Sarajevo", "Sarajevo"),
    ("Pristina", "Pristina"),
    ("Edinburgh", "Édimbourg"),
    ("Istanbul", "Istanbul"),
    ("Munich", "Munich"),
    ("Crimea", "Crimée"),
    ("Donbas|Donbass", "Donbass"),
    ("Baltic Sea", "mer Baltique"),
    ("Black Sea", "mer Noire"),
    ("Balkans|Western Balkans", "Balkans|Balkans occidentaux"),
];
