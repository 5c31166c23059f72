"""Excel export of a year's budget with its plan years, as the verksamhetsplan shows it.

Written through finsam.excel only: amounts are numbers in kronor, sums bold, the header
frozen.
"""

from django.utils.translation import gettext as _

from budget.selectors import budgettabell, verksamhetsplan_versioner
from finsam.excel import Kolumn, Rad, Tabell, arbetsbok
from finsam.models import Forbund


def export_budget(forbund: Forbund, *, ar: int, per=None, period=None):
    """(Workbook, filename): budget `ar`−1, budget `ar`, plan `ar`+1 and `ar`+2, grouped as
    the budget table with group sums, Summa kostnader, Resultat and Beräknat utgående eget
    kapital. A year without an adopted budget gives a sheet saying so."""
    huvud, kolumner = verksamhetsplan_versioner(forbund, ar)
    rubrik = _("Budget %(ar)s med plan %(plan1)s–%(plan2)s") % {
        "ar": ar,
        "plan1": ar + 1,
        "plan2": ar + 2,
    }
    filename = f"budget-{ar}.xlsx"
    if huvud is None:
        tabell = Tabell(
            rubrik=rubrik,
            undertitel=_("%(forbund)s har ingen beslutad budget för %(ar)s.")
            % {"forbund": forbund.namn, "ar": ar},
            kolumner=[Kolumn(_("Rad"), typ="text", bredd=44)],
        )
        return arbetsbok([tabell]), filename

    t = budgettabell(forbund, kolumner)
    xl_kolumner = [Kolumn(_("Rad"), typ="text", bredd=44)] + [
        Kolumn(k.rubrik if k.version else f"{k.rubrik} ({_('saknas')})") for k in kolumner
    ]
    rader = []
    for r in t.rader:
        if r.typ == "rubrik":
            rader.append(Rad([r.etikett], kursiv=True, niva=r.niva))
        elif r.typ == "summa":
            rader.append(Rad([r.etikett, *r.belopp], fet=True, niva=r.niva))
        else:
            rader.append(Rad([r.etikett, *r.belopp], niva=r.niva))
    rader.append(Rad([_("Summa kostnader"), *t.summa_kostnader], fet=True))
    rader.append(Rad([_("Resultat"), *t.resultat], fet=True))
    rader.append(
        Rad(
            [
                _("Beräknat utgående eget kapital"),
                *t.utgaende_eget_kapital(huvud.eget_kapital_ingaende),
            ],
            fet=True,
        )
    )
    tabell = Tabell(
        rubrik=rubrik,
        undertitel=_("%(forbund)s. %(version)s, beslutad %(datum)s.")
        % {
            "forbund": forbund.namn,
            "version": huvud.rubrik,
            "datum": huvud.beslutsdatum.isoformat(),
        },
        kolumner=xl_kolumner,
        rader=rader,
    )
    return arbetsbok([tabell]), filename
