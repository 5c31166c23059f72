"""What reading a large SIE file costs: a synthetic year of a larger förbund (N vouchers of
four rows on 40 kostnadsställen, and #PSALDO per account, month and kostnadsställe), parsed
and turned into utfall per line by the import's calculation (no database). CPU time of
the process, best of 3.

    .venv/bin/python benchmarks/sie_import.py [N]

A benchmark, not a test; CI does not run it.
"""

import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from budget.sie.berakning import utfall_per_rad  # noqa: E402
from budget.sie.mappning import Regel, las_konton  # noqa: E402
from budget.sie.parser import (  # noqa: E402
    Objektref,
    Saldo,
    SieFil,
    Transaktion,
    Verifikation,
    parse,
    write,
)

KOSTNADSSTALLEN = [str(100 + i) for i in range(40)]
KONTON = ["4610", "5010", "5040", "6420", "6980", "7010"]


def fil(antal: int) -> SieFil:
    f = SieFil(flagga=0, sietyp=4, rar={0: (date(2025, 1, 1), date(2025, 12, 31))})
    psaldo = defaultdict(Decimal)
    for i in range(antal):
        datum = date(2025, 1, 1) + timedelta(days=i % 365)
        ks = KOSTNADSSTALLEN[i % len(KOSTNADSSTALLEN)]
        konto = KONTON[i % len(KONTON)]
        b = Decimal(100 + i % 997) + Decimal("0.50")
        f.verifikationer.append(
            Verifikation(
                "A",
                str(i + 1),
                datum,
                transaktioner=[
                    Transaktion(konto, b, (Objektref(1, ks),)),
                    Transaktion("2640", Decimal("0"), ()),
                    Transaktion("2440", -b, ()),
                    Transaktion("1930", Decimal("0"), ()),
                ],
            )
        )
        period = f"2025{datum.month:02d}"
        psaldo[(konto, period, None)] += b
        psaldo[(konto, period, ks)] += b
    for (konto, period, ks), b in sorted(
        psaldo.items(), key=lambda p: (p[0][0], p[0][1], p[0][2] or "")
    ):
        objekt = (Objektref(1, ks),) if ks else ()
        f.psaldo.append(Saldo(0, konto, b, objekt, period))
    return f


def bast(fn, n=3):
    tider = []
    for _ in range(n):
        start = time.process_time()
        ut = fn()
        tider.append(time.process_time() - start)
    return min(tider), ut


def main():
    antal = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    regler = [
        Regel(i, f"Rad {i}", tuple(las_konton("3900-7999")), 1, (ks,))
        for i, ks in enumerate(KOSTNADSSTALLEN[:-5])
    ]
    data = write(fil(antal), ksumma=True)
    t_parse, parsed = bast(lambda: parse(data))
    t_psaldo, b = bast(lambda: utfall_per_rad(parsed, regler, per=date(2025, 12, 31)))
    parsed.psaldo = []
    t_ver, b2 = bast(lambda: utfall_per_rad(parsed, regler, per=date(2025, 12, 31)))
    assert b.fil_summa == b2.fil_summa and b.gar_ihop and b2.gar_ihop
    print(f"{antal} verifikationer, {len(data) / 2**20:.1f} MB, {len(regler)} rader")
    print(f"  läsa filen:              {t_parse:6.2f} s")
    print(f"  utfall ur #PSALDO:       {t_psaldo:6.3f} s")
    print(f"  utfall ur #VER/#TRANS:   {t_ver:6.3f} s")


if __name__ == "__main__":
    main()
