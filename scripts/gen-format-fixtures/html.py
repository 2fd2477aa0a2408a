#!/usr/bin/env python3
"""Generate the web-page fixtures of tests/data/formats/html/ (no network).

For each corpus pair (tests/data/corpus/<pair>/{en,fr}.txt, blocks separated
by blank lines) an English and a French page in each site structure:

  landmarks  <header><nav>, <main><article>, <aside> related links, <footer>,
             a cookie banner div
  divsoup    nested <div class=...> with no landmarks: l-header, block-menu,
             breadcrumbs, region-content, a "Print this page | Share" line,
             l-footer
  table      an old-style layout <table>: header row, navigation column cell,
             content cell, footer row
  wordpress  written after the reader, to test it blind: a WordPress-like
             theme (div#page, div#primary.content-area, a mega-menu, widgets)

The first block is the <h1>, short blocks without final punctuation are
<h2>, items `(a)`, `(b)`... are <ol type="a" start=...>. Also seed 001 as a
page (numbered paragraphs as <ol start=N>), and one bilingual two-column
table page per corpus pair. Each structure's furniture strings are listed in
boilerplate.txt, one per line, so tests can assert none reaches an output.

Usage: scripts/gen-format-fixtures/html.py   (from the repository root)
"""
import os
import re
import sys

# This script is named html.py: keep `import html` from importing itself.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import html  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests/data/corpus")
OUT = os.path.join(ROOT, "tests/data/formats/html")
PAIRS = ["nato-ottawa-agreement-1951", "nato-paris-protocol-1952", "un-udhr-1948"]

FURNITURE = {
    "en": {
        "skip": "Skip to main content",
        "menu": ["Home", "About us", "News room", "Official texts", "Topics", "Contact the press office"],
        "crumbs": ["Home", "Official texts", "Legal documents"],
        "share": ["Print this page", "Share", "Email this page"],
        "cookie": "This website uses cookies to improve your browsing experience.",
        "accept": "Accept all cookies",
        "related": ["Related treaty archive", "Frequently asked questions", "Photo gallery of the signature"],
        "footer": "Copyright NATO Public Diplomacy Division",
        "footer_links": ["Privacy policy", "Terms of use", "Accessibility statement"],
        "updated": "Page last updated: 12 March 2024",
        "site": "North Atlantic Treaty Organization portal",
    },
    "fr": {
        "skip": "Aller au contenu principal",
        "menu": ["Accueil", "Qui sommes-nous", "Salle de presse", "Textes officiels", "Dossiers", "Contacter le bureau de presse"],
        "crumbs": ["Accueil", "Textes officiels", "Documents juridiques"],
        "share": ["Imprimer cette page", "Partager", "Envoyer cette page"],
        "cookie": "Ce site utilise des cookies pour améliorer votre navigation.",
        "accept": "Accepter tous les cookies",
        "related": ["Archives des traités connexes", "Foire aux questions", "Galerie de photos de la signature"],
        "footer": "Droits réservés Division Diplomatie publique de l’OTAN",
        "footer_links": ["Politique de confidentialité", "Conditions d’utilisation", "Déclaration d’accessibilité"],
        "updated": "Dernière mise à jour de la page : 12 mars 2024",
        "site": "Portail de l’Organisation du Traité de l’Atlantique Nord",
    },
}


def strings(lang):
    f = FURNITURE[lang]
    out = [f["skip"], f["cookie"], f["accept"], f["footer"], f["updated"], f["site"]]
    out += f["menu"] + f["crumbs"] + f["share"] + f["related"] + f["footer_links"]
    # "Home"/"Accueil" alone would match treaty words; keep the distinctive ones.
    return [s for s in out if len(s) > 8]


def blocks(path):
    text = open(path, encoding="utf-8").read()
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


ITEM = re.compile(r"^\(([a-z])\)\s+(.*)$", re.S)


def is_heading(b):
    return len(b) < 60 and not re.search(r"[.,:;]$", b)


def content(bls):
    """The article's HTML: h1, h2, p, and <ol type=a> for (a) items."""
    out = []
    i = 0
    while i < len(bls):
        b = bls[i]
        m = ITEM.match(b)
        if m:
            start = ord(m.group(1)) - ord("a") + 1
            items = []
            while i < len(bls) and ITEM.match(bls[i]):
                items.append(ITEM.match(bls[i]).group(2))
                i += 1
            lis = "".join(f"<li>{html.escape(t)}</li>\n" for t in items)
            attr = f' start="{start}"' if start != 1 else ""
            out.append(f'<ol type="a"{attr}>\n{lis}</ol>')
            continue
        t = html.escape(b)
        if i == 0:
            out.append(f"<h1>{t}</h1>")
        elif is_heading(b):
            out.append(f"<h2>{t}</h2>")
        else:
            out.append(f"<p>{t}</p>")
        i += 1
    return "\n".join(out)


def links(items, sep="\n"):
    return sep.join(f'<a href="/{i}">{html.escape(t)}</a>' for i, t in enumerate(items))


def head(lang, title):
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>body {{ font-family: sans-serif; }}</style>\n"
            "<script>window.dataLayer = [];</script>\n</head>\n")


def landmarks(lang, bls):
    f = FURNITURE[lang]
    menu = "".join(f"<li>{links([m])}</li>" for m in f["menu"])
    related = "".join(f"<li>{links([r])}</li>" for r in f["related"])
    return head(lang, bls[0]) + f"""<body>
<a class="visually-hidden focusable" href="#main">{f['skip']}</a>
<div id="cookie-notice" class="cookie-notice"><p>{f['cookie']}</p><button>{f['accept']}</button></div>
<header>
<p class="site-name">{f['site']}</p>
<nav aria-label="Main"><ul>{menu}</ul></nav>
</header>
<main id="main">
<article>
{content(bls)}
</article>
</main>
<aside><h2>…</h2><ul>{related}</ul></aside>
<footer><p>{f['footer']}</p><p>{links(f['footer_links'], ' | ')}</p><p>{f['updated']}</p></footer>
</body>
</html>
"""


def divsoup(lang, bls):
    f = FURNITURE[lang]
    menu = "".join(f'<div class="menu-item">{links([m])}</div>' for m in f["menu"])
    crumbs = " › ".join(links([c]) for c in f["crumbs"])
    share = " | ".join(links([s]) for s in f["share"][:2])
    return head(lang, bls[0]) + f"""<body class="page-node">
<div class="skip-link-wrapper"><a href="#content">{f['skip']}</a></div>
<div id="page-wrapper"><div id="page">
<div class="l-header"><div class="site-branding">{f['site']}</div>
<div class="block-menu block-menu--main">{menu}</div></div>
<div class="eu-cookie-compliance-banner"><div class="popup-text">{f['cookie']}</div><div class="buttons">{f['accept']}</div></div>
<div class="breadcrumbs">{crumbs}</div>
<div class="l-main"><div class="region-content"><div class="node node--type-official-text">
<div class="field field--name-body body-text">
{content(bls)}
</div>
<div class="node-tools">{share}</div>
</div></div>
<div class="region-sidebar-second"><div class="block-related">{'<br>'.join(links([r]) for r in f['related'])}</div></div>
</div>
<div class="l-footer"><div class="footer-copyright">{f['footer']}</div><div class="footer-links">{links(f['footer_links'], ' · ')}</div><div>{f['updated']}</div></div>
</div></div>
</body>
</html>
"""


def layout_table(lang, bls):
    f = FURNITURE[lang]
    nav = "<br>\n".join(links([m]) for m in f["menu"])
    return head(lang, bls[0]) + f"""<body bgcolor="#ffffff">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="header"><font size="5">{f['site']}</font><br>{links(f['crumbs'], ' &gt; ')}</td></tr>
<tr>
<td width="180" valign="top" class="leftnav">
{nav}
</td>
<td valign="top">
{content(bls)}
<p align="right">{links(f['share'], ' | ')}</p>
</td>
</tr>
<tr><td colspan="2" class="footer"><font size="1">{f['footer']} | {f['updated']} | {links(f['footer_links'], ' | ')}</font></td></tr>
</table>
</body>
</html>
"""


def wordpress(lang, bls):
    f = FURNITURE[lang]
    mega = "".join(
        f'<li class="menu-item menu-item-has-children">{links([m])}'
        f'<ul class="sub-menu"><li>{links([r])}</li></ul></li>'
        for m, r in zip(f["menu"], f["related"] * 2))
    return head(lang, bls[0]) + f"""<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">{f['skip']}</a>
<div id="masthead" class="site-header">
<div class="site-branding"><p class="site-title">{f['site']}</p></div>
<div id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{mega}</ul></div>
</div>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<div id="main" class="site-main">
<div class="post type-post hentry">
<div class="entry-header"><div class="entry-meta">{f['updated']}</div></div>
<div class="entry-content">
{content(bls)}
<div class="sharedaddy sd-sharing-enabled"><div class="sd-content">{links(f['share'], ' ')}</div></div>
</div>
</div>
</div>
</div>
<div id="secondary" class="widget-area"><div class="widget widget_recent_entries"><div class="widget-title">{f['related'][0]}</div>{links(f['related'][1:], ' ')}</div></div>
</div>
<div id="colophon" class="site-footer"><div class="site-info">{f['footer']} {links(f['footer_links'], ' ')}</div></div>
<div id="cookie-law-info-bar">{f['cookie']} {f['accept']}</div>
</div>
</body>
</html>
"""


STRUCTURES = {"landmarks": landmarks, "divsoup": divsoup, "table": layout_table, "wordpress": wordpress}


def bilingual(pair):
    en = blocks(os.path.join(CORPUS, pair, "en.txt"))
    fr = blocks(os.path.join(CORPUS, pair, "fr.txt"))
    gold = [l.split("\t") for l in open(os.path.join(CORPUS, pair, "gold_blocks.tsv")) if l.strip()]
    rows = []
    for e, r in gold:
        left = html.escape(en[int(e) - 1]) if e != "-" else ""
        right = html.escape(fr[int(r) - 1]) if r.strip() != "-" else ""
        rows.append(f"<tr><td>{left}</td><td>{right}</td></tr>")
    body = "\n".join(rows)
    return ('<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>EN / FR</title></head>\n<body>\n'
            f'<table border="1">\n{body}\n</table>\n</body>\n</html>\n')


def seed001():
    path = [p for p in os.listdir(os.path.join(ROOT, "samples")) if p.startswith("001")][0]
    text = open(os.path.join(ROOT, "samples", path), encoding="utf-8").read()
    sections, paras = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-"):
            continue
        m = re.match(r"^(\d+)\. (.*)$", line)
        if m:
            if m.group(1) == "1" and paras:
                sections.append(paras)
                paras = []
            paras.append([int(m.group(1)), m.group(2)])
        elif paras:
            paras[-1][1] += " " + line
    sections.append(paras)
    out = ['<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Statement</title></head>\n<body>\n'
           '<nav><a href="/">Home</a> | <a href="/news">News</a></nav>\n<main>']
    for lang, paras in zip(["en", "fr"], sections):
        out.append(f'<section lang="{lang}">')
        out.append(f'<ol start="{paras[0][0]}">')
        for _, t in paras:
            out.append(f"<li>{html.escape(t)}</li>")
        out.append("</ol>\n</section>")
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    furniture = set()
    for pair in PAIRS:
        for lang in ["en", "fr"]:
            bls = blocks(os.path.join(CORPUS, pair, f"{lang}.txt"))
            furniture.update(strings(lang))
            for name, make in STRUCTURES.items():
                d = os.path.join(OUT, name, pair)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, f"{lang}.html"), "w", encoding="utf-8") as fh:
                    fh.write(make(lang, bls))
        d = os.path.join(OUT, "bilingual-table")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"{pair}.html"), "w", encoding="utf-8") as fh:
            fh.write(bilingual(pair))
    with open(os.path.join(OUT, "seed-001.html"), "w", encoding="utf-8") as fh:
        fh.write(seed001())
    with open(os.path.join(OUT, "boilerplate.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(sorted(furniture)) + "\n")
    # Bad input.
    with open(os.path.join(OUT, "navigation-only.html"), "w", encoding="utf-8") as fh:
        fh.write('<!DOCTYPE html><html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav>'
                 '<footer><a href="/p">Privacy policy</a></footer></body></html>\n')
    with open(os.path.join(OUT, "binary.html"), "wb") as fh:
        fh.write(bytes((i * 7919 + 13) % 256 for i in range(4096)))


if __name__ == "__main__":
    main()
