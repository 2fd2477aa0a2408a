#!/usr/bin/env python3
"""Generate the Word fixtures under tests/data/formats/docx/ (docs/FORMATS.md).

Usage: scripts/gen-format-fixtures/docx.py   (from the repository root; needs
pandoc >= 2.17 and a debug build of natalign for seed 001)

- <pair>.en.docx / <pair>.fr.docx for each corpus pair under tests/data/corpus:
  every blank-line block is a paragraph; `Article N` blocks are Heading 2; blocks
  the text prints as `(a)`, `a)`, `1.`, `(iv)` are items of a pandoc ordered list
  (Word automatic numbering, `w:numPr`) with the typed label removed, the list's
  start, style and delimiter chosen so that Word prints the same label.
- seed-001.docx: sample 001 (English then French, as natalign reads its
  paragraphs), its `1.` paragraphs as automatic numbering.
- paris-two-column.docx: the Paris protocol as a two-column table, English left,
  French right, one row per gold block pair (a title above the table is
  covered by the reader's unit tests: a short French title may read as English).
- notes-revisions.docx: written by hand (zipfile): footnotes, a tracked
  insertion and deletion, a move, PAGE / TOC / DATE fields, hidden text, numbering.

Each generated file is checked: numbered paragraphs hold `w:numPr`, and no
paragraph text starts with its typed label.
"""
import json
import os
import re
import subprocess
import sys
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "formats", "docx")
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
FIXED_DATE = (2024, 1, 1, 0, 0, 0)

LABEL = re.compile(r"^\s*(?:\((?P<paren>[a-z]{1,4}|\d{1,3})\)|(?P<one>[a-z]{1,4}|\d{1,3})\)|(?P<dot>\d{1,3})\.)\s+(?P<text>\S.*)$", re.S)
ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def roman_value(s):
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def label_of(block, previous):
    """(style, delimiter, number, text) when the block starts with a list label."""
    m = LABEL.match(block)
    if not m:
        return None
    if m.group("dot"):
        return ("Decimal", "Period", int(m.group("dot")), m.group("text"))
    raw = m.group("paren") or m.group("one")
    delim = "TwoParens" if m.group("paren") else "OneParen"
    if raw.isdigit():
        return ("Decimal", delim, int(raw), m.group("text"))
    # `i` after `h` is a letter; `i`, `ii`, `iv` otherwise Roman numerals.
    after_h = previous is not None and previous[0] == "LowerAlpha" and previous[2] == 8
    after_roman = previous is not None and previous[0] == "LowerRoman"
    if ROMAN.match(raw) and (len(raw) > 1 or (raw == "i" and not after_h) or (raw in "vx" and after_roman)):
        return ("LowerRoman", delim, roman_value(raw), m.group("text"))
    if len(raw) == 1:
        return ("LowerAlpha", delim, ord(raw) - 96, m.group("text"))
    return None


def inlines(text):
    out = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def para(text):
    return {"t": "Para", "c": inlines(text)}


def ast(blocks):
    """Pandoc AST for text blocks: headings, ordered lists, paragraphs."""
    out, items, current = [], [], None

    def flush():
        nonlocal items, current
        if items:
            style, delim, start = current
            out.append({"t": "OrderedList", "c": [[start, {"t": style}, {"t": delim}], items]})
        items, current = [], None

    previous = None
    for block in blocks:
        text = " ".join(block.split())
        if re.fullmatch(r"Article \d+|Article premier", text):
            flush()
            out.append({"t": "Header", "c": [2, ["", [], []], inlines(text)]})
            previous = None
            continue
        lab = label_of(block, previous)
        if lab:
            style, delim, number, body = lab
            if current and (current[0], current[1]) == (style, delim) and previous[2] + 1 == number:
                items.append([para(body)])
            else:
                flush()
                current = (style, delim, number)
                items = [[para(body)]]
            previous = (style, delim, number)
            continue
        flush()
        previous = None
        out.append(para(text))
    flush()
    return {"pandoc-api-version": [1, 22, 2, 1], "meta": {}, "blocks": out}


def pandoc_docx(doc, path):
    subprocess.run(["pandoc", "-f", "json", "-o", path], input=json.dumps(doc).encode(), check=True)
    normalise(path)


def normalise(path):
    """Rewrite the zip with fixed dates so regenerating gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    write_zip(path, parts)


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def check(path, blocks):
    """Numbered paragraphs carry w:numPr; no paragraph starts with a typed label."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    paras = re.findall(r"<w:p>.*?</w:p>", xml, re.S)
    numbered = [p for p in paras if "<w:numPr>" in p]
    expected = sum(1 for b in blocks if LABEL.match(b))
    assert len(numbered) == expected, (path, len(numbered), expected)
    for p in paras:
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        assert not LABEL.match(text), (path, text[:60])


def blocks_of(path):
    text = open(path, encoding="utf-8").read()
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def corpus_pairs():
    for pair in sorted(os.listdir(CORPUS)):
        for lang in ("en", "fr"):
            blocks = blocks_of(os.path.join(CORPUS, pair, f"{lang}.txt"))
            path = os.path.join(OUT, f"{pair}.{lang}.docx")
            pandoc_docx(ast(blocks), path)
            check(path, blocks)


def seed_001():
    sample = next(f for f in sorted(os.listdir(os.path.join(ROOT, "samples"))) if f.startswith("001"))
    natalign = os.path.join(ROOT, "target", "debug", "natalign")
    doc = json.loads(subprocess.run([natalign, "inspect", "--json", os.path.join(ROOT, "samples", sample)],
                                    check=True, capture_output=True).stdout)
    blocks = []
    for p in doc["paragraphs"]:
        if p["kind"] == "noise":
            continue
        blocks.append(f"{p['label']} {p['text']}" if p["label"] else p["text"])
    path = os.path.join(OUT, "seed-001.docx")
    pandoc_docx(ast(blocks), path)
    check(path, blocks)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def run(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(inner, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{inner}</w:p>"


def field(instr, result):
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def notes_revisions():
    toc_begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    body = "".join([
        p(run("Agreement on Cooperation"), "Title"),
        p(toc_begin + run("Article 1 Definitions") + field("PAGEREF _Toc1 \\h", "1"), "TOC1"),
        p(run("Article 2 Scope") + field("PAGEREF _Toc2 \\h", "2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>', "TOC1"),
        p(run("Article 1"), "Heading2"),
        p(run("The Parties agree on the terms below.") + '<w:r><w:footnoteReference w:id="7"/></w:r>'
          + '<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve"> These terms are final.</w:delText></w:r></w:del>'
          + '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve"> These terms may be amended.</w:t></w:r></w:ins>', num=(1, 0)),
        p(run("the Organisation means the North Atlantic Treaty Organisation;"), num=(1, 1)),
        p(run("the Council means the North Atlantic Council") + '<w:del w:id="3" w:author="A"><w:r><w:delText> and its deputies</w:delText></w:r></w:del>' + run(";"), num=(1, 1)),
        p(run("This text was signed on ") + field("DATE \\@ \"d MMMM yyyy\"", "4 April 1949") + run(".")
          + '<w:r><w:footnoteReference w:id="3"/></w:r>', num=(1, 0)),
        p('<w:moveFrom w:id="4" w:author="A"><w:r><w:t>Moved sentence.</w:t></w:r></w:moveFrom>' + run("Page ")
          + field("PAGE", "3") + run(" of ") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'
          + '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> Hidden remark.</w:t></w:r>'
          + '<w:moveTo w:id="5" w:author="A"><w:r><w:t xml:space="preserve"> Moved sentence.</w:t></w:r></w:moveTo>'),
        p(""),
        p(run("Article 2"), "Heading2"),
        p(run("Line one") + "<w:r><w:br/></w:r>" + run("line two") + "<w:r><w:tab/></w:r>" + run("after a tab; co")
          + "<w:r><w:noBreakHyphen/></w:r>" + run("operation") + '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>' + run(".")),
    ])
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r>' + run(" Signed in Washington.") + '</w:p></w:footnote>'
                 '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>' + run(" See the Annex.") + '</w:p></w:footnote>'
                 '</w:footnotes>')
    write_zip(os.path.join(OUT, "notes-revisions.docx"), [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document),
        ("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING), ("word/footnotes.xml", footnotes),
    ])


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def two_column(pair="nato-paris-protocol-1952"):
    en = blocks_of(os.path.join(CORPUS, pair, "en.txt"))
    fr = blocks_of(os.path.join(CORPUS, pair, "fr.txt"))
    gold = [line.split("\t") for line in open(os.path.join(CORPUS, pair, "gold_blocks.tsv")) if line.strip()]
    rows = []
    for e, f in gold:
        assert e != "-" and f.strip() != "-", "the two-column pair must be one to one"
        rows.append((en[int(e) - 1], fr[int(f) - 1]))

    def cell(text):
        return f'<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>{p(run(esc(" ".join(text.split()))))}</w:tc>'
    table = "".join(f"<w:tr>{cell(a)}{cell(b)}</w:tr>" for a, b in rows)
    body = f"<w:tbl><w:tblPr/>{table}</w:tbl>"
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    write_zip(os.path.join(OUT, "paris-two-column.docx"), [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOC_RELS.replace(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\n', "").replace(
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>\n', "")),
        ("word/document.xml", document), ("word/styles.xml", STYLES),
    ])


def main():
    os.makedirs(OUT, exist_ok=True)
    corpus_pairs()
    seed_001()
    two_column()
    notes_revisions()
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    sys.exit(main())
