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


def test_an_insats_edition_starts_from_its_own_insats_only(demo):
    from finsam.rapporter.utgava.texter import foregaende_utgava

    forvalda = {"sammanfattning": "*Sammanfatta.*"}
    sala = utgava_for(demo, "insats", ar=2025, nyckel="st-sala:2025-helar")
    text_spara(utgava=sala, avsnitt="sammanfattning", text="Sala under 2025.")
    vasteras_h1 = utgava_for(demo, "insats", ar=2025, nyckel="st-vasteras:2025-H1")
    text_spara(utgava=vasteras_h1, avsnitt="sammanfattning", text="Västerås våren 2025.")
    vasteras_helar = utgava_for(demo, "insats", ar=2025, nyckel="st-vasteras:2025-helar")
    text_spara(utgava=vasteras_helar, avsnitt="sammanfattning", text="Västerås helåret 2025.")

    ny = utgava_for(demo, "insats", ar=2026, nyckel="st-vasteras:2026-H1")
    assert foregaende_utgava(ny) == vasteras_helar
    assert texter_markdown(ny, forvalda) == {"sammanfattning": "Västerås helåret 2025."}
    annan = utgava_for(demo, "insats", ar=2026, nyckel="st-fns:2026-H1")
    assert foregaende_utgava(annan) is None
    assert texter_markdown(annan, forvalda) == {"sammanfattning": "*Sammanfatta.*"}


def test_texts_of_the_edition_and_the_previous_one_in_one_query(forbund):
    """The edition's own text wins, then the previous edition's (the newest earlier one,
    found in the same query), then the default: one query, also for an edition not
    stored yet."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finsam.rapporter.utgava.texter import utgava_las

    forvalda = {"forord": "Standard.", "handelser": "Inga.", "vision": "Vision."}
    aldre = utgava_for(forbund, "arsredovisning", ar=2023)
    text_spara(utgava=aldre, avsnitt="vision", text="Äldsta visionen.")
    fjol = utgava_for(forbund, "arsredovisning", ar=2024)
    text_spara(utgava=fjol, avsnitt="forord", text="Fjolårets förord.")
    text_spara(utgava=fjol, avsnitt="handelser", text="Fjolårets händelser.")
    annat = utgava_for(forbund, "verksamhetsplan", ar=2024)
    text_spara(utgava=annat, avsnitt="vision", text="Planens vision.")
    i_ar = utgava_for(forbund, "arsredovisning", ar=2025)
    text_spara(utgava=i_ar, avsnitt="handelser", text="Årets händelser.")
    with CaptureQueriesContext(connection) as ctx:
        md = texter_markdown(i_ar, forvalda)
    assert len(ctx) == 1
    assert md == {
        "forord": "Fjolårets förord.",
        "handelser": "Årets händelser.",
        "vision": "Vision.",
    }
    # An edition not stored yet: the previous edition's texts, in one query.
    ny = utgava_las(forbund, "arsredovisning", ar=2026)
    assert ny.pk is None
    with CaptureQueriesContext(connection) as ctx:
        md = texter_markdown(ny, forvalda, {"vision": "Utkast."})
    assert len(ctx) == 1
    assert md == {"forord": "Standard.", "handelser": "Årets händelser.", "vision": "Utkast."}


def test_inside_kanda_utgavor_an_edition_is_found_without_a_query(forbund, annat_forbund):
    """The start page has read every edition of the förbund: the documents it builds take
    theirs from that, stored or not, and another förbund's are still read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from finsam.models import Rapportutgava
    from finsam.rapporter.utgava.texter import kanda_utgavor, utgava_las

    lagrad = utgava_for(forbund, "arsredovisning", ar=2025)
    annans = utgava_for(annat_forbund, "arsredovisning", ar=2025)
    utgavor = {(u.dokument, u.nyckel): u for u in Rapportutgava.objects.filter(forbund=forbund)}
    with kanda_utgavor(forbund, utgavor), CaptureQueriesContext(connection) as ctx:
        hittad = utgava_las(forbund, "arsredovisning", ar=2025)
        ny = utgava_las(forbund, "arsredovisning", ar=2026)
    assert len(ctx) == 0
    assert hittad is utgavor[("arsredovisning", "2025")] and hittad.pk == lagrad.pk
    assert ny.pk is None and (ny.forbund_id, ny.nyckel, ny.ar) == (forbund.pk, "2026", 2026)
    with kanda_utgavor(forbund, utgavor), CaptureQueriesContext(connection) as ctx:
        assert utgava_las(annat_forbund, "arsredovisning", ar=2025).pk == annans.pk
    assert len(ctx) == 1
    # Outside: read as before.
    with CaptureQueriesContext(connection) as ctx:
        assert utgava_las(forbund, "arsredovisning", ar=2025).pk == lagrad.pk
    assert len(ctx) == 1
