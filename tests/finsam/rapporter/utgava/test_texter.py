from datetime import date

from finsam.rapporter.utgava.texter import text_spara, texter, texter_markdown, utgava_for

FORVALDA = {"forord": "Standardtext.", "handelser": ""}


def test_edition_is_created_once_and_keyed_by_date(forbund):
    a = utgava_for(forbund, "delarsrapport", ar=2025, per=date(2025, 8, 31))
    b = utgava_for(forbund, "delarsrapport", ar=2025, per=date(2025, 8, 31))
    assert a == b and a.nyckel == "2025-08-31"


def test_texts_fall_back_to_previous_edition_then_default(forbund):
    fjol = utgava_for(forbund, "arsredovisning", ar=2024)
    text_spara(utgava=fjol, avsnitt="forord", text="Förra årets förord.")
    i_ar = utgava_for(forbund, "arsredovisning", ar=2025)
    assert texter_markdown(i_ar, FORVALDA)["forord"] == "Förra årets förord."
    text_spara(utgava=i_ar, avsnitt="forord", text="Årets **förord**.")
    html = texter(i_ar, FORVALDA)
    assert "<strong>förord</strong>" in html["forord"]
    # A later edition never leaks backwards, and an unknown section gets its default.
    assert texter_markdown(fjol, FORVALDA)["forord"] == "Förra årets förord."
    assert texter_markdown(fjol, {"nytt": "Standard."})["nytt"] == "Standard."


def test_markdown_is_sanitized(forbund):
    utgava = utgava_for(forbund, "arsredovisning", ar=2025)
    text_spara(utgava=utgava, avsnitt="forord", text="Hej <script>alert(1)</script>")
    assert "<script>" not in texter(utgava, FORVALDA)["forord"]
