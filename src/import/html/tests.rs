use super::*;

fn items(html: &str) -> Vec<Item> {
    read(html.as_bytes()).expect("read").items
}

fn shown(html: &str) -> Vec<String> {
    items(html)
        .into_iter()
        .map(|i| match i {
            Item::Block(b) => match b.label {
                Some(l) => format!("{:?} {l} {}", b.kind, b.text),
                None => format!("{:?} {}", b.kind, b.text),
            },
            Item::Omitted(o) => format!("[{}] {}", o.reason, o.text),
        })
        .collect()
}

#[test]
fn blocks_inline_markup_and_ignored_elements() {
    let page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>\
        <main><h1>The  Agreement</h1><p>The <b>Parties</b>,<br>having <a href=x>agreed</a> &amp; signed.</p>\
        <script>var x = 1;</script><div>Loose text in a div</div><noscript>Enable JS</noscript>\
        <h2>Article 1</h2><blockquote>Quoted</blockquote><dl><dt>Term</dt><dd>Meaning</dd></dl>\
        <pre>a\n  b</pre><svg><text>drawn</text></svg></main></body></html>";
    assert_eq!(
        shown(page),
        [
            "Title The Agreement",
            "Body The Parties, having agreed & signed.",
            "Body Loose text in a div",
            "Heading Article 1",
            "Body Quoted",
            "Body Term",
            "Body Meaning",
            "Body a b",
        ]
    );
}

#[test]
fn ordered_lists_print_their_labels() {
    let page = "<html><body><ol start=\"3\"><li>Three</li><li value=\"9\">Nine</li><li>Ten\
        <ol type=\"a\"><li>sub a</li><li>sub b</li></ol></li></ol>\
        <ol reversed><li>x</li><li>y</li></ol><ol type=\"I\"><li>one</li></ol>\
        <ul><li>bullet</li></ul></body></html>";
    assert_eq!(
        shown(page),
        [
            "ListItem 3. Three",
            "ListItem 9. Nine",
            "ListItem 10. Ten",
            "ListItem (a) sub a",
            "ListItem (b) sub b",
            "ListItem 2. x",
            "ListItem 1. y",
            "ListItem (i) one",
            "ListItem bullet",
        ]
    );
}

#[test]
fn landmarks_leave_out_the_page_furniture() {
    let page = "<html><body><a class=\"skip-link\" href=\"#m\">Skip to content</a>\
        <header><nav><a href=/>Home</a> <a href=/n>News</a></nav></header>\
        <div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\
        <main><article><p>The Parties agree.</p><div class=\"share\"><a href=p>Print</a> | <a href=s>Share</a></div></article></main>\
        <aside><ul><li><a href=r>Related treaty</a></li></ul></aside>\
        <footer><p>© NATO</p></footer></body></html>";
    assert_eq!(
        shown(page),
        [
            "[navigation] Skip to content",
            "[page header] Home News",
            "[cookie banner] We use cookies. Accept",
            "Body The Parties agree.",
            "[share links] Print | Share",
            "[link list] Related treaty",
            "[page footer] © NATO",
        ]
    );
}

#[test]
fn without_landmarks_hints_and_link_density_decide() {
    let page = "<html><body><div class=\"l-header\"><div class=\"block-menu\"><a href=a>About</a> <a href=b>News</a></div></div>\
        <div class=\"breadcrumbs\"><a href=/>Home</a> › Texts</div>\
        <div class=\"region-content\"><p>Text one.</p><p><a href=p>Print this page</a> | <a href=s>Share</a></p></div>\
        <div class=\"l-footer\">Contact us</div></body></html>";
    assert_eq!(
        shown(page),
        [
            "[page header] About News",
            "[breadcrumb] Home › Texts",
            "Body Text one.",
            "[share links] Print this page | Share",
            "[page footer] Contact us",
        ]
    );
}

#[test]
fn layout_tables_are_containers_and_data_tables_cells() {
    let page = "<html><body><table><tr><td class=\"leftcol\"><a href=a>One</a><br><a href=b>Two</a></td>\
        <td><h1>Title</h1><p>Body text.</p><table><tr><td>1951</td><td>Ottawa</td></tr></table></td></tr></table></body></html>";
    assert_eq!(
        shown(page),
        [
            "[link list] One Two",
            "Title Title",
            "Body Body text.",
            "Cell 1951",
            "Cell Ottawa",
        ]
    );
}

#[test]
fn a_bilingual_table_is_two_columns() {
    let page = "<html><body><h1>Agreement</h1><table>\
        <tr><td>The Parties agree that the Organisation shall have legal personality.</td>\
        <td>Les Parties conviennent que l’Organisation possède la personnalité juridique.</td></tr>\
        <tr><td>This Agreement shall be open for signature by the Member States.</td>\
        <td>Le présent Accord est ouvert à la signature des États membres.</td></tr></table></body></html>";
    let s = read(page.as_bytes()).unwrap();
    assert_eq!(
        s.columns.as_deref(),
        Some("two-column table (English left, French right), 2 rows")
    );
    let texts: Vec<&str> = s
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(&b.text[..8]),
            Item::Omitted(_) => None,
        })
        .collect();
    assert_eq!(
        texts,
        ["Agreemen", "The Part", "This Agr", "Les Part", "Le prés"]
    );
}

#[test]
fn lang_attributes_are_inherited() {
    let s = read(b"<html lang=\"fr-BE\"><body><p>Un</p><p lang=\"en\">Two <span>x</span></p><p lang=de>Drei</p></body></html>").unwrap();
    let langs: Vec<Option<Lang>> = s
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(b.lang),
            Item::Omitted(_) => None,
        })
        .collect();
    assert_eq!(langs, [Some(Lang::Fr), Some(Lang::En), None]);
}

#[test]
fn furniture_only_pages_and_binary_are_bad_documents() {
    let nav = read(b"<html><body><nav><a href=a>Home</a></nav></body></html>").unwrap_err();
    assert_eq!(
        nav.to_string(),
        "no text in the page's main content (left out as page furniture: navigation)"
    );
    let empty = read(b"<html><body><script>x</script></body></html>").unwrap_err();
    assert_eq!(
        empty.to_string(),
        "no text in the page's main content (the page holds no text)"
    );
    let mut blob = b"<html>".to_vec();
    blob.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    assert!(read(&blob).is_err());
}

#[test]
fn deep_nesting_costs_no_stack_and_no_quadratic_time() {
    for tag in ["div", "span", "b", "li", "table", "p"] {
        for n in [4000, 100_000] {
            let mut page = String::from("<html><body>");
            for _ in 0..n {
                page.push_str(&format!("<{tag}>"));
            }
            page.push_str("deep text");
            let t0 = std::time::Instant::now();
            let s = std::thread::Builder::new()
                .stack_size(256 << 10)
                .spawn(move || read(page.as_bytes()).map(|s| s.items.len()))
                .unwrap()
                .join()
                .expect("no stack overflow");
            let deep = matches!(tag, "div" | "span" | "b" | "table") && n > 4096;
            match s {
                Ok(_) => assert!(!deep, "{tag} {n}"),
                Err(e) => {
                    assert!(deep, "{tag} {n}: {e}");
                    assert_eq!(
                        e.to_string(),
                        "markup nested more than 4096 elements deep (browsers stop at 512): not read"
                    );
                }
            }
            assert!(t0.elapsed().as_secs() < 30, "{tag} {n} {:?}", t0.elapsed());
        }
    }
}
