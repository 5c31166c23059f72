"""The allocation arithmetic: whole kronor that add up exactly (largest remainder)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.medel.fordelning import berakna, fordela
from finsam.models import Medlem


def test_fordela_small_examples():
    assert fordela(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert fordela(10, {"a": 0, "b": 3}) == {"a": 0, "b": 10}
    assert fordela(0, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    # Ties on the remainder: the larger weight first.
    assert fordela(1, {"a": 1, "b": 3}) == {"a": 0, "b": 1}


def test_fordela_refuses_what_cannot_be_divided():
    with pytest.raises(ValueError):
        fordela(10, {"a": 0, "b": 0})
    with pytest.raises(ValueError):
        fordela(10, {"a": -1, "b": 2})
    with pytest.raises(TypeError):
        fordela(10.0, {"a": 1})


def _medlem(pk, typ=Medlem.Typ.KOMMUN, namn=None):
    return Medlem(pk=pk, typ=typ, namn=namn or f"Kommun {pk}")


STATEN = _medlem(1, Medlem.Typ.FORSAKRINGSKASSAN, "Försäkringskassan")
REGION = _medlem(2, Medlem.Typ.REGION, "Region Test")

vikter = st.one_of(
    st.integers(min_value=0, max_value=500_000),
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
)


@st.composite
def tilldelningar(draw):
    statens_bidrag = draw(st.integers(min_value=0, max_value=10**10))
    # Percentages with up to 4 decimals that add up to 50.
    region_hundradelar = draw(st.integers(min_value=0, max_value=500_000))
    region = Decimal(region_hundradelar) / 10_000
    kommuner = Decimal(50) - region
    antal = draw(st.integers(min_value=1, max_value=30))
    if draw(st.booleans()):
        lika = draw(vikter)
        nycklar = [lika] * antal
    else:
        nycklar = draw(st.lists(vikter, min_size=antal, max_size=antal))
    if sum(nycklar) == 0:
        nycklar[0] = 1
    return statens_bidrag, region, kommuner, nycklar


@settings(max_examples=100)  # pure arithmetic: cheap, keep it thorough in every profile
@given(tilldelningar())
def test_parts_are_whole_kronor_and_add_up_exactly(t):
    statens_bidrag, region_procent, kommuner_procent, nyckelvarden = t
    kommuner = [_medlem(10 + i) for i in range(len(nyckelvarden))]
    nycklar = {k.pk: v for k, v in zip(kommuner, nyckelvarden, strict=True)}
    f = berakna(
        statens_bidrag=statens_bidrag,
        region_procent=region_procent,
        kommuner_procent=kommuner_procent,
        staten=STATEN,
        region=REGION,
        kommuner=kommuner,
        nycklar=nycklar,
        nyckelnamn="Folkmängd",
    )
    total = statens_bidrag * 2
    delar = [d.belopp for d in f.rader]
    assert all(isinstance(b, int) and b >= 0 for b in delar)
    assert sum(delar) == f.total == total
    assert f.staten == statens_bidrag
    assert f.staten + f.region + f.kommuner == total
    assert sum(d.belopp for d in f.kommunrader) == f.kommuner
    assert abs(f.region - Fraction(total) * Fraction(region_procent) / 100) < 1
    assert abs(f.kommuner - Fraction(total) * Fraction(kommuner_procent) / 100) < 1
    summa = sum(Fraction(v) for v in nyckelvarden)
    for d, v in zip(f.kommunrader, nyckelvarden, strict=True):
        assert abs(d.belopp - f.kommuner * Fraction(v) / summa) < 1


@settings(max_examples=100)  # pure arithmetic: cheap, keep it thorough in every profile
@given(
    st.integers(min_value=1, max_value=10**9),
    st.lists(vikter, min_size=1, max_size=40).filter(lambda v: sum(v) > 0),
)
def test_fordela_property(total, weights):
    delar = fordela(total, dict(enumerate(weights)))
    assert sum(delar.values()) == total
    summa = sum(Fraction(w) for w in weights)
    for i, w in enumerate(weights):
        assert delar[i] >= 0
        assert abs(delar[i] - total * Fraction(w) / summa) < 1
        if w == 0:
            assert delar[i] == 0


def _berakna(**kw):
    args = dict(
        statens_bidrag=1_000_000,
        region_procent=Decimal(25),
        kommuner_procent=Decimal(25),
        staten=STATEN,
        region=REGION,
        kommuner=[_medlem(10, namn="Arboga kommun"), _medlem(11, namn="Sala kommun")],
        nycklar={10: 100, 11: 300},
        nyckelnamn="Folkmängd 2024",
    )
    args.update(kw)
    return berakna(**args)


def test_swedish_errors():
    with pytest.raises(ValidationError) as e:
        _berakna(region_procent=Decimal(30))
    assert "men de är 55 %." in " ".join(e.value.messages)
    with pytest.raises(ValidationError) as e:
        _berakna(nycklar={11: 300})
    assert e.value.messages == ["Folkmängd 2024 saknas för Arboga kommun."]
    with pytest.raises(ValidationError) as e:
        _berakna(nycklar={10: 0, 11: 0})
    assert e.value.messages == ["Folkmängd 2024 är 0 för alla kommuner."]
    with pytest.raises(ValidationError) as e:
        _berakna(region=None)
    assert "ingen region" in e.value.messages[0]


def test_example_split():
    f = _berakna()
    assert [(d.etikett, d.belopp) for d in f.rader] == [
        ("Driftbidrag från staten", 1_000_000),
        ("Driftbidrag Arboga kommun", 125_000),
        ("Driftbidrag Sala kommun", 375_000),
        ("Driftbidrag från Region Test", 500_000),
    ]
    assert f.kommunrader[0].andel == Decimal("0.25")
