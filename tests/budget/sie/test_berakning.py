"""The utfall per line from a SIE file: periods summed to the date, nothing counted twice,
signs turned, and file total = mapped + unmapped."""

from datetime import date
from decimal import Decimal

from budget.sie.berakning import KALLA_PSALDO, KALLA_RES, KALLA_VER, utfall_per_rad
from budget.sie.mappning import Regel, las_konton
from budget.sie.parser import Objektref, Saldo, SieFil, Transaktion, Verifikation

D = Decimal


def _r(rad_id, konton, dim=None, objekt=()):
    return Regel(rad_id, f"Rad {rad_id}", tuple(las_konton(konton)), dim, tuple(objekt))


REGLER = [
    _r(1, "3000-3899"),
    _r(2, "3900-3999, 4000-7999", 1, ["110"]),
    _r(3, "4000-7999", 1, ["200"]),
]


def _fil(**kw):
    return SieFil(rar={0: (date(2025, 1, 1), date(2025, 12, 31))}, **kw)


def _ps(konto, period, belopp, *objekt):
    return Saldo(0, konto, D(belopp), tuple(Objektref(d, k) for d, k in objekt), period)


def test_psaldo_totals_and_objekt_rows_are_not_counted_twice():
    fil = _fil(
        konton={"3010": "Medel", "5010": "Löner", "6110": "Kontorsmaterial"},
        psaldo=[
            _ps("3010", "202501", "-1000"),
            _ps("5010", "202501", "700"),  # total
            _ps("5010", "202501", "500", (1, "110")),
            _ps("5010", "202501", "150", (1, "200")),
            # 50 on no kostnadsställe, 40 on 300 (no line) -> unmapped
            _ps("5010", "202502", "100"),
            _ps("5010", "202502", "100", (1, "300")),
            _ps("6110", "202503", "40.50"),
            _ps("5010", "202509", "99999"),  # after the date
            _ps("1930", "202501", "5000"),  # a balance account: not utfall
        ],
    )
    b = utfall_per_rad(fil, REGLER, per=date(2025, 8, 31))
    assert b.kalla == KALLA_PSALDO
    assert (b.rader[1].intakt, b.rader[1].kostnad) == (1000, 0)
    assert (b.rader[2].intakt, b.rader[2].kostnad) == (0, -500)
    assert (b.rader[3].intakt, b.rader[3].kostnad) == (0, -150)
    assert b.fil_summa == D("-1000") + D("800") + D("40.50")
    assert b.gar_ihop
    omappade = {(o.konto, o.objekt): o.summa for o in b.omappade}
    assert omappade == {
        ("5010", "1: 300"): D("100"),
        ("5010", "1: –"): D("50"),
        ("6110", ""): D("40.50"),
    }
    assert b.fil_belopp == b.mappat_belopp + b.omappat_belopp == D("159.50")


def test_a_credit_on_a_cost_account_is_an_intakt_and_netto_is_kept():
    fil = _fil(
        psaldo=[
            _ps("3990", "202501", "-300", (1, "110")),
            _ps("3990", "202501", "-300"),
            _ps("5010", "202501", "-200", (1, "110")),  # a refund
            _ps("5010", "202501", "-200"),
        ]
    )
    b = utfall_per_rad(fil, REGLER, per=date(2025, 1, 31))
    assert (b.rader[2].intakt, b.rader[2].kostnad) == (500, 0)
    assert b.rader[3].intakt == b.rader[3].kostnad == 0  # mapped, nothing booked


def test_vouchers_are_summed_up_to_the_date_when_there_is_no_psaldo():
    def ver(datum, *trans):
        return Verifikation(
            "A",
            "1",
            datum,
            transaktioner=[
                Transaktion(k, D(b), tuple(Objektref(d, o) for d, o in obj)) for k, b, obj in trans
            ],
        )

    fil = _fil(
        verifikationer=[
            ver(date(2025, 2, 1), ("5010", "400", [(1, "110"), (6, "P1")]), ("1930", "-400", [])),
            ver(date(2025, 3, 1), ("3010", "-2000", []), ("1930", "2000", [])),
            ver(date(2025, 3, 2), ("6110", "75", [(1, "999")]), ("1930", "-75", [])),
            ver(date(2025, 9, 1), ("5010", "1", [(1, "110")]), ("1930", "-1", [])),
        ]
    )
    b = utfall_per_rad(fil, REGLER, per=date(2025, 8, 31))
    assert b.kalla == KALLA_VER
    assert b.rader[1].intakt == 2000
    assert b.rader[2].kostnad == -400
    assert [(o.konto, o.objekt, o.summa) for o in b.omappade] == [("6110", "1: 999", D("75"))]
    assert b.gar_ihop and b.fil_summa == D("-1525")


def test_res_is_used_only_at_the_year_end():
    fil = _fil(res=[Saldo(0, "3010", D("-10")), Saldo(-1, "3010", D("-99"))])
    assert utfall_per_rad(fil, REGLER, per=date(2025, 12, 31)).kalla == KALLA_RES
    assert utfall_per_rad(fil, REGLER, per=date(2025, 12, 31)).rader[1].intakt == 10
    assert utfall_per_rad(fil, REGLER, per=date(2025, 6, 30)).kalla is None


def test_ktyp_decides_what_is_a_result_and_an_income_account():
    fil = _fil(
        ktyp={"3010": "T", "4010": "I", "5010": "K"},
        psaldo=[
            _ps("3010", "202501", "-100"),  # a balance account by #KTYP: not utfall
            _ps("4010", "202501", "-40", (1, "110")),
            _ps("4010", "202501", "-40"),
            _ps("5010", "202501", "25", (1, "110")),
            _ps("5010", "202501", "25"),
        ],
    )
    b = utfall_per_rad(fil, REGLER, per=date(2025, 1, 31))
    assert b.rader[1].intakt == 0
    assert (b.rader[2].intakt, b.rader[2].kostnad) == (40, -25)
    assert b.fil_summa == D("-15")
