"""A document's own table structure: the budget tree copied, regrouped and renamed, the
fallback on last year's structure, and the sums computed from the rows."""

import pytest

from budget.models import Tabellgrupp, Tabellrad
from budget.selectors import Budgetkolumn, budgettabell
from budget.tabeller import services
from budget.tabeller.struktur import UTANFOR, struktur_for, upplos, upplost_struktur
from tests.budget.conftest import make_exempelbudget


@pytest.fixture
def eb(forbund):
    return make_exempelbudget(forbund)


def _tabell(eb, struktur=None):
    return budgettabell(eb.forbund, [Budgetkolumn("Budget 2025", eb.budget)], struktur=struktur)


def _rader(tabell):
    return [(r.typ, r.etikett, r.niva, r.belopp) for r in tabell.rader]


def test_the_tree_copied_gives_the_same_table(eb):
    struktur = services.struktur_fran_tradet(forbund=eb.forbund, dokument="arsredovisning", ar=2025)
    fran_tradet, utan = _tabell(eb, upplos(struktur)), _tabell(eb)
    assert _rader(fran_tradet) == _rader(utan)
    assert fran_tradet.resultat == utan.resultat
    assert fran_tradet.individinsatser_andel == utan.individinsatser_andel


def test_regroup_and_rename(eb):
    struktur = services.struktur_fran_tradet(forbund=eb.forbund, dokument="delarsrapport", ar=2025)
    # Processtöd gets a group of its own with a sum row; Kansli is renamed.
    direkta = struktur.grupper.get(namn="Direkta insatskostnader")
    egen = Tabellgrupp.objects.create(
        struktur=struktur,
        overordnad=direkta,
        namn="Processtöd samverkansinsatser",
        summa_etikett="Summa processtöd",
        ordning=9,
    )
    Tabellrad.objects.filter(grupp__struktur=struktur, budgetrad=eb.rader.processtod).update(
        grupp=egen, etikett="Processtöd (egen personal)"
    )
    Tabellrad.objects.filter(grupp__struktur=struktur, budgetrad=eb.rader.kansli).update(
        etikett="Administration"
    )
    tabell = _tabell(eb, upplost_struktur(eb.forbund, "delarsrapport", 2025))
    rader = _rader(tabell)
    assert ("rad", "Administration", 1, [-1_500_000]) in rader
    # Direkta insatskostnader has no heading: its groups are at level 0.
    i = rader.index(("rubrik", "Processtöd samverkansinsatser", 0, [None]))
    assert rader[i + 1] == ("rad", "Processtöd (egen personal)", 1, [-1_000_000])
    assert rader[i + 2] == ("summa", "Summa processtöd", 0, [-1_000_000])
    # Sums from the rows: the direkta still hold everything, the result is unchanged.
    assert ("summa", "Summa direkta insatskostnader", 0, [-7_000_000]) in rader
    assert tabell.resultat == _tabell(eb).resultat


def test_a_budget_group_as_one_row_and_a_line_left_out(eb):
    struktur = services.struktur_fran_tradet(
        forbund=eb.forbund, dokument="verksamhetsplan", ar=2025
    )
    individ = struktur.grupper.get(namn="Individinsatser")
    Tabellrad.objects.filter(grupp=individ).delete()
    Tabellrad.objects.create(grupp=individ, budgetgrupp=eb.grupper.individ, etikett="Alla team")
    Tabellrad.objects.filter(grupp__struktur=struktur, budgetrad=eb.rader.metod).delete()
    upplost = upplos(struktur)
    assert [r.namn for r in upplost.utanfor] == ["Metodstöd"]
    tabell = _tabell(eb, upplost)
    rader = _rader(tabell)
    assert ("rad", "Alla team", 1, [-5_000_000]) in rader
    # The line the structure leaves out is not lost: it is shown last, in a group of its own.
    assert rader[-1] == ("rad", "Metodstöd", 1, [-1_000_000])
    assert tabell.rader[-2].grupp.pk == UTANFOR["kostnad"]
    assert tabell.resultat == _tabell(eb).resultat
    assert tabell.individinsatser[0] == -5_000_000


def test_a_year_without_a_structure_uses_the_previous_one(eb):
    s2024 = services.struktur_fran_tradet(forbund=eb.forbund, dokument="arsredovisning", ar=2024)
    assert struktur_for(eb.forbund, "arsredovisning", 2026) == s2024
    assert struktur_for(eb.forbund, "arsredovisning", 2023) is None
    assert struktur_for(eb.forbund, "delarsrapport", 2026) is None
    kopia = services.struktur_kopiera(fran=s2024, ar=2026)
    assert struktur_for(eb.forbund, "arsredovisning", 2026) == kopia
    assert _rader(_tabell(eb, upplos(kopia))) == _rader(_tabell(eb))
    assert kopia.grupper.count() == s2024.grupper.count()


def test_a_hidden_group_counts_but_prints_nothing(eb):
    struktur = services.struktur_fran_tradet(
        forbund=eb.forbund, dokument="verksamhetsplan", ar=2025
    )
    struktur.grupper.filter(namn="Intäkter").update(dold=True)
    tabell = _tabell(eb, upplos(struktur))
    etiketter = [r.etikett for r in tabell.rader]
    assert "Medel från huvudmännen" not in etiketter and "Summa intäkter" not in etiketter
    assert tabell.summa_intakter == [10_000_000]
    assert tabell.resultat == _tabell(eb).resultat
