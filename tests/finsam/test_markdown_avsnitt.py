"""A report section's rich text (markdown_avsnitt): sub-headings numbered under the section,
pipe tables, the edition's pictures only, and nothing that could run or fetch."""

from finsam.markdown import Bild, markdown_avsnitt, markdown_html


def _bild(slug):
    return (
        Bild(src=f"/rapporter/bild/{len(slug)}/", alt=f"Karta över {slug}")
        if slug == "karta"
        else None
    )


def test_sub_headings_are_numbered_under_the_section_with_fitting_levels():
    text = markdown_avsnitt(
        "Inledning.\n\n# Ett\n\n## Två\n\n### Tre under två\n\n### Fyra\n\n#### Fet rad",
        ankare="avsnitt-x",
    )
    rubriker = text.numrera("4", 1)
    assert [(r.nummer, r.text) for r in rubriker] == [
        ("4.1", "Ett"),
        ("4.2", "Två"),
        ("4.2.1", "Tre under två"),
        ("4.2.2", "Fyra"),
    ]
    html = str(text)
    assert '<h3 id="avsnitt-x-1"><span class="nr">4.1</span>Ett</h3>' in html
    assert '<h3 id="avsnitt-x-2"><span class="nr">4.2</span>Två</h3>' in html
    assert '<h4 id="avsnitt-x-3"><span class="nr">4.2.1</span>Tre under två</h4>' in html
    # "####": a bold heading without a number, kept out of the contents and the bookmarks
    assert '<h5 id="avsnitt-x-5" class="underrubrik">Fet rad</h5>' in html


def test_a_section_of_the_second_level_puts_its_sub_headings_one_level_lower():
    text = markdown_avsnitt("## A\n\n### B", ankare="a")
    assert [r.nummer for r in text.numrera("3.1", 2)] == ["3.1.1", "3.1.1.1"]
    assert '<h4 id="a-1"><span class="nr">3.1.1</span>A</h4>' in str(text)
    assert '<h5 id="a-2"><span class="nr">3.1.1.1</span>B</h5>' in str(text)


def test_unnumbered_until_told_and_headings_never_deeper_than_h6():
    text = markdown_avsnitt("## A\n\n### B\n\n###### F", ankare="a")
    assert '<h3 id="a-1">A</h3>' in str(text)
    text.numrera("5.4.1", 3)
    assert '<h6 id="a-2"><span class="nr">5.4.1.1.1</span>B</h6>' in str(text)
    assert '<h6 id="a-3" class="underrubrik">F</h6>' in str(text)


def test_a_heading_is_never_more_than_one_level_below_the_one_before():
    """A screen reader's list of headings has no gap: "####" right under the section's own
    heading (h2) is an h3, and "####" after a "##" an h4, not an h5."""
    text = markdown_avsnitt("Text.\n\n#### Fet rad\n\n## A\n\n#### Fet igen", ankare="a")
    text.numrera("4", 1)
    html = str(text)
    assert '<h3 id="a-1" class="underrubrik">Fet rad</h3>' in html
    assert '<h3 id="a-2"><span class="nr">4.1</span>A</h3>' in html
    assert '<h4 id="a-3" class="underrubrik">Fet igen</h4>' in html


def test_pipe_table_with_alignment_as_classes():
    html = str(
        markdown_avsnitt(
            "| Kommun | Helårsekvivalenter |\n|:---|---:|\n| Västerås | 4 512 |\n| Sala | 612 |"
        )
    )
    assert "<table>" in html and "<thead>" in html and "<tbody>" in html
    assert '<th scope="col" class="num">Helårsekvivalenter</th>' in html
    assert '<td class="num">4 512</td>' in html
    assert "align" not in html and "style" not in html


def test_only_pictures_of_the_edition_are_shown_with_their_stored_alt_text():
    text = markdown_avsnitt(
        "![ignoreras](bild:karta)\n\n![x](bild:saknas)\n\n![y](http://example.org/a.png)"
        '\n\n<img src="https://example.org/b.png"> <img src="data:image/png;base64,AAAA">',
        bild=_bild,
    )
    html = str(text)
    assert '<img class="rapportbild" src="/rapporter/bild/5/" alt="Karta över karta">' in html
    assert "⟦okänd bild: saknas⟧" in html
    assert "example.org" not in html and "data:" not in html
    assert html.count("<img") == 1
    assert [b.src for b in text.bilder] == ["/rapporter/bild/5/"]


def test_links_and_raw_html_are_neutralised():
    html = str(
        markdown_avsnitt(
            "[klick](javascript:alert(1)) [bild](bild:karta)\n\n<script>alert(1)</script>"
            '\n\n<div onclick="x()">a</div>\n\n<iframe src="https://example.org"></iframe>'
            "\n\n## <img src=x onerror=alert(1)>Rubrik",
            bild=_bild,
        )
    )
    for farligt in ("javascript:", "<script", "onclick", "onerror", "<iframe", "bild:", "<div"):
        assert farligt not in html


def test_short_texts_elsewhere_keep_the_restricted_rendering():
    html = markdown_html("## Rubrik\n\n| a |\n|---|\n| 1 |\n\n![x](bild:karta)")
    assert "<h2" not in html and "<table" not in html and "<img" not in html


def test_the_guards_still_hold():
    assert "<p>" in str(markdown_avsnitt("[" * 5000))
    djup = str(markdown_avsnitt("<script>alert(1)</script>\n\n" + "> " * 3000 + "x"))
    assert "<script" not in djup and "x" in djup
    assert not markdown_avsnitt("  \n") and str(markdown_avsnitt("")) == ""


def test_a_reused_converter_renders_each_text_as_a_new_one_would():
    """The converter is kept per thread and the rendered texts per text: each text still
    renders as markdown.markdown() does it from scratch, whatever came before (a table,
    a list, a reference link), and the pictures are looked up on every call."""
    import markdown as md
    import nh3
    from markdown.extensions.tables import TableExtension

    from finsam.markdown import RIKA_ATTRIBUT, RIKA_TAGGAR, TAGGAR, _attributfilter

    texter = [
        "| a | b |\n|--:|:-:|\n| 1 | 2 |",
        "[ref]: https://example.org\n\nSe [ref].",
        "- ett\n- två\n\n1. tre",
        "Se [ref].",  # the reference of the text before does not carry over
        "| a | b |\n|--:|:-:|\n| 1 | 2 |",
    ]
    for text in texter:
        ny = md.markdown(text, output_format="html")
        assert str(markdown_html(text)) == nh3.clean(ny, tags=TAGGAR, attributes={"a": {"href"}})
        rik = md.markdown(
            text, output_format="html", extensions=[TableExtension(use_align_attribute=True)]
        )
        ren = nh3.clean(
            rik,
            tags=RIKA_TAGGAR,
            attributes=RIKA_ATTRIBUT,
            url_schemes=nh3.ALLOWED_URL_SCHEMES | {"bild"},
            attribute_filter=_attributfilter,
        )
        assert (ren.count("<td"), ren.count("<a ")) == (
            str(markdown_avsnitt(text)).count("<td"),
            str(markdown_avsnitt(text)).count("<a "),
        )
    assert "<a " not in str(markdown_html("Se [ref]."))
    funna = []

    def bild(slug):
        funna.append(slug)
        return _bild(slug)

    for _ in range(2):
        assert "rapportbild" in str(markdown_avsnitt("![](bild:karta)", bild=bild))
    assert funna == ["karta", "karta"]
