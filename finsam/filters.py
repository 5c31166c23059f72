"""The filter of the member list (see finsam/listor.py)."""

import django_filters
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from finsam.listor import Listfilter, Sortering
from finsam.models import Befolkning, Medlem


class MedlemFilter(Listfilter):
    sokfalt = ("namn", "kortnamn")

    typ = django_filters.ChoiceFilter(
        label=_("Typ"), choices=Medlem.Typ.choices, empty_label=_("Alla typer")
    )

    class Meta:
        model = Medlem
        fields = ["q", "typ"]


def med_senaste_folkmangd(medlemmar):
    """Each member with `senaste_folkmangd` and `senaste_folkmangd_ar` (its latest year's
    population), in the list's one query and sortable."""
    senaste = Befolkning.objects.filter(medlem=OuterRef("pk")).order_by("-ar")
    return medlemmar.annotate(
        senaste_folkmangd=Subquery(senaste.values("antal")[:1]),
        senaste_folkmangd_ar=Subquery(senaste.values("ar")[:1]),
    )


def medlem_sortering(data) -> Sortering:
    return Sortering(
        data,
        {
            "ordning": ["ordning", "namn"],
            "namn": ["namn"],
            "typ": ["typ", "ordning", "namn"],
            "folkmangd": ["senaste_folkmangd", "namn"],
        },
        standard="ordning",
    )
