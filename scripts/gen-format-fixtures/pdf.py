#!/usr/bin/env python3
"""Generate the PDF fixtures under tests/data/formats/pdf/ from the corpus pairs.

Usage: scripts/gen-format-fixtures/pdf.py   (from the repository root)

Needs LibreOffice (`apt-get install -y libreoffice-writer-nogui`), poppler-utils
(pdftoppm) and img2pdf. The tests need only the committed files.

For each corpus pair and side, a flat ODF text document (A5, narrow column,
justified) holding the side's blocks is printed to PDF by LibreOffice, with
page furniture on every page: a "NATO UNCLASSIFIED" banner top and bottom and a
page number ("Page 3 of 12" in English, "- 3 -" in French). Long words carry
soft hyphens, so lines end hyphenated; paragraphs run across pages. Also:
- udhr-two-column.pdf: the UDHR pair as a two-column table, English left,
  French right, one row per gold block pair;
- scanned.pdf: a page rendered to an image and back, with no text layer;
- encrypted.pdf: a side printed with an open password;
- truncated.pdf: the first half of a fixture; corrupt.pdf: a header and garbage.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
OUT = os.path.join(ROOT, "tests", "data", "formats", "pdf")
PAIRS = ["nato-ottawa-agreement-1951", "nato-paris-protocol-1952", "un-udhr-1948"]

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="{size}" fo:language="{lang}" fo:country="{country}" fo:hyphenate="true" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm" fo:text-align="justify"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start" fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Furniture" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="start"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="{width}" fo:page-height="{height}" fo:margin-top="0.8cm" fo:margin-bottom="0.8cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="T1" style:family="table"><style:table-properties style:width="{textwidth}" table:align="margins"/></style:style>
 <style:style style:name="T1.A" style:family="table-column"><style:table-column-properties style:column-width="{colwidth}"/></style:style>
 <style:style style:name="T1.C" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.1cm" fo:padding-right="0.3cm" fo:border="none"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Furniture">NATO UNCLASSIFIED</text:p></style:header>
  <style:footer>{footer}<text:p text:style-name="Furniture">NATO UNCLASSIFIED</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"

VOWELS = set("aeiouyàâéèêëîïôûüAEIOUY")


def soft_hyphens(word):
    """A soft hyphen at a vowel-consonant boundary near the middle of long words."""
    if len(word) < 9 or not word.isalpha():
        return word
    mid = len(word) // 2
    for d in range(0, mid - 3):
        for i in (mid - d, mid + d):
            if 3 <= i <= len(word) - 3 and word[i - 1] in VOWELS and word[i] not in VOWELS:
                return word[:i] + "\u00ad" + word[i:]
    return word


def para_xml(text, style):
    text = re.sub(r"\s+", " ", text).strip()
    words = re.split(r"(\W+)", text)
    text = "".join(soft_hyphens(w) for w in words)
    return f'<text:p text:style-name="{style}">{html.escape(text, quote=False)}</text:p>\n'


def is_heading(block):
    b = block.strip()
    return len(b) < 70 and not b.endswith((".", ";", ":", ","))


def blocks(path):
    text = open(path, encoding="utf-8").read()
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def head(lang, footer, width="14.8cm", height="21cm", textwidth="10.8cm", size="11pt"):
    country = {"en": "GB", "fr": "FR"}[lang]
    col = f"{float(textwidth[:-2]) / 2:.2f}cm"
    return HEAD.format(lang=lang, country=country, footer=footer, width=width, height=height,
                       textwidth=textwidth, colwidth=col, size=size)


FOOTERS = {
    "en": '<text:p text:style-name="Furniture">Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p>',
    "fr": '<text:p text:style-name="Furniture">- <text:page-number text:select-page="current">1</text:page-number> -</text:p>',
}


def soffice(fodt, outdir, filt="pdf"):
    subprocess.run(["soffice", "--headless", "--convert-to", filt, "--outdir", outdir, fodt],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    if not shutil.which("soffice"):
        sys.exit("needs LibreOffice: apt-get install -y libreoffice-writer-nogui")
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp()
    for pair in PAIRS:
        for lang in ("en", "fr"):
            body = "".join(para_xml(b, "Heading" if is_heading(b) else "Standard")
                           for b in blocks(os.path.join(CORPUS, pair, f"{lang}.txt")))
            name = f"{pair}.{lang}"
            with open(os.path.join(tmp, name + ".fodt"), "w", encoding="utf-8") as f:
                f.write(head(lang, FOOTERS[lang]) + body + TAIL)
            soffice(os.path.join(tmp, name + ".fodt"), tmp)
            shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".pdf"))
    # Two language columns: the UDHR pair as a table, one row per gold pair.
    pair = "un-udhr-1948"
    en = blocks(os.path.join(CORPUS, pair, "en.txt"))
    fr = blocks(os.path.join(CORPUS, pair, "fr.txt"))
    rows = []
    for line in open(os.path.join(CORPUS, pair, "gold_blocks.tsv"), encoding="utf-8"):
        e, f_ = line.rstrip("\n").split("\t")
        cell = lambda side, ids: "".join(
            para_xml(side[int(i) - 1], "Cell") for i in ids.split(",") if i != "-")
        rows.append('<table:table-row><table:table-cell table:style-name="T1.C">'
                    + (cell(en, e) or '<text:p/>')
                    + '</table:table-cell><table:table-cell table:style-name="T1.C">'
                    + (cell(fr, f_) or '<text:p/>') + '</table:table-cell></table:table-row>\n')
    table = ('<table:table table:name="T1" table:style-name="T1">'
             '<table:table-column table:style-name="T1.A" table:number-columns-repeated="2"/>\n'
             + "".join(rows) + "</table:table>\n")
    with open(os.path.join(tmp, "udhr-two-column.fodt"), "w", encoding="utf-8") as f:
        f.write(head("en", FOOTERS["en"], width="21cm", height="29.7cm", textwidth="17cm",
                     size="9pt") + table + TAIL)
    soffice(os.path.join(tmp, "udhr-two-column.fodt"), tmp)
    shutil.copy(os.path.join(tmp, "udhr-two-column.pdf"), os.path.join(OUT, "udhr-two-column.pdf"))
    # No text layer: page 1 as a grey image, back to PDF.
    src = os.path.join(OUT, "un-udhr-1948.en.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-png", src,
                    os.path.join(tmp, "scan")], check=True)
    png = [p for p in os.listdir(tmp) if p.startswith("scan") and p.endswith(".png")][0]
    subprocess.run(["img2pdf", os.path.join(tmp, png), "-o", os.path.join(OUT, "scanned.pdf")],
                   check=True)
    # Password-protected.
    enc = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
           '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    encdir = os.path.join(tmp, "enc")
    os.makedirs(encdir)
    soffice(os.path.join(tmp, "un-udhr-1948.en.fodt"), encdir, enc)
    shutil.copy(os.path.join(encdir, "un-udhr-1948.en.pdf"), os.path.join(OUT, "encrypted.pdf"))
    # Truncated and corrupt.
    data = open(src, "rb").read()
    open(os.path.join(OUT, "truncated.pdf"), "wb").write(data[: len(data) // 2])
    garbage = bytes((i * 7919 + 13) % 251 for i in range(4000))
    open(os.path.join(OUT, "corrupt.pdf"), "wb").write(b"%PDF-1.7\n" + garbage)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
