"""Excel export of the insats list, as filtered and sorted on the page (through
finsam.excel only: text typed by users never becomes a formula)."""

from django.utils.translation import gettext as _

from finsam.excel import Kolumn, Rad, Tabell, arbetsbok
from finsam.models import Forbund
from insatser.models import Insats


def _namn(medlemmar) -> str:
    return ", ".join(m.namn for m in medlemmar)


def insatslista_arbetsbok(forbund: Forbund, insatser: list[Insats], urval: str = ""):
    """One row per insats, in the list's order. `urval` describes the filter (subtitle)."""
    kolumner = [
        Kolumn(_("Insats"), typ="text", bredd=40),
        Kolumn(_("Målområde"), typ="text", bredd=30),
        Kolumn(_("Typ"), typ="text", bredd=26),
        Kolumn(_("Status"), typ="text", bredd=12),
        Kolumn(_("Startdatum"), typ="datum", bredd=12),
        Kolumn(_("Slutdatum"), typ="datum", bredd=12),
        Kolumn(_("Ägare"), typ="text", bredd=26),
        Kolumn(_("Kommuner som betjänas"), typ="text", bredd=40),
        Kolumn(_("Deltagande medlemmar"), typ="text", bredd=40),
        Kolumn(_("Målgrupp"), typ="text", bredd=50),
    ]
    rader = [
        Rad(
            [
                i.namn,
                i.malomrade.namn,
                i.get_typ_display(),
                i.get_status_display(),
                i.startdatum,
                i.slutdatum,
                i.agare.namn if i.agare else "",
                _namn(i.kommuner.all()),
                _namn(i.deltagande_medlemmar.all()),
                i.malgrupp,
            ]
        )
        for i in insatser
    ]
    undertitel = forbund.namn + (f". {urval}" if urval else "")
    return arbetsbok(
        [Tabell(rubrik=_("Insatser"), undertitel=undertitel, kolumner=kolumner, rader=rader)]
    )
