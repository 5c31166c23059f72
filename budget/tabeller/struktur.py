"""Which table structure a document uses, and the structure as a tree the budget tables read.

`upplost_struktur(forbund, dokument, ar)` answers the document's structure for the year (or
the newest earlier year's), resolved into unsaved Budgetgrupp and Budgetrad objects shaped
like the budget tree, so `budget.selectors.budgettabell` and the utfall tables build their
rows, headings and sums from it exactly as from the tree. None when the document has no
structure: the tree is used as it is. Imports only the models.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from budget.models import Budgetgrupp, Budgetrad, Tabellgrupp, Tabellrad, Tabellstruktur

#: Pseudo group ids of the lines a structure leaves out, so no stored figure goes missing.
UTANFOR = {Budgetgrupp.Typ.INTAKT: -1, Budgetgrupp.Typ.KOSTNAD: -2}


@dataclass
class UpplostStruktur:
    struktur: Tabellstruktur
    grupper: list[Budgetgrupp]
    #: Copies of the budget lines placed by the structure (`grupp_id` is the structure's
    #: group, `namn` the row's label). A row for a budget group is a copy of its first line
    #: with `delar` = every line of the group; a line row has `delar` = [the line].
    rader: list[Budgetrad]
    #: Budget line id -> the row (pseudo line) that shows it.
    rad_for: dict[int, Budgetrad] = field(default_factory=dict)

    @property
    def utanfor(self) -> list[Budgetrad]:
        """The budget lines the structure does not place (shown in groups of their own)."""
        return [r for r in self.rader if r.grupp_id in UTANFOR.values()]


def struktur_for(forbund, dokument: str, ar: int) -> Tabellstruktur | None:
    """The document's structure for year `ar`: its own, else the newest earlier year's."""
    forbund_id = getattr(forbund, "pk", forbund)
    return (
        Tabellstruktur.objects.filter(forbund_id=forbund_id, dokument=dokument, ar__lte=ar)
        .order_by("-ar")
        .first()
    )


def upplost_struktur(forbund, dokument: str, ar: int) -> UpplostStruktur | None:
    struktur = struktur_for(forbund, dokument, ar)
    return None if struktur is None else upplos(struktur)


def _pseudogrupp(struktur, pk, overordnad_id, namn, typ, visa_rubrik, summa, ordning, dold=False):
    g = Budgetgrupp(
        forbund_id=struktur.forbund_id,
        overordnad_id=overordnad_id,
        namn=namn,
        typ=typ,
        visa_rubrik=visa_rubrik,
        summa_etikett=summa,
        ordning=ordning,
    )
    g.pk = pk
    g.dold = dold
    return g


def upplos(struktur: Tabellstruktur) -> UpplostStruktur:
    """The structure as unsaved groups and lines, in four queries."""
    tgrupper = list(Tabellgrupp.objects.filter(struktur=struktur).order_by("ordning", "pk"))
    finns = {g.pk for g in tgrupper}
    grupper = [
        _pseudogrupp(
            struktur,
            g.pk,
            g.overordnad_id if g.overordnad_id in finns else None,
            g.namn,
            g.typ,
            g.visa_rubrik,
            g.summa_etikett,
            g.ordning,
            g.dold,
        )
        for g in tgrupper
    ]
    trad = list(
        Budgetrad.objects.filter(forbund_id=struktur.forbund_id)
        .select_related("insats")
        .order_by("ordning", "pk")
    )
    tgrupp = {g.pk: g for g in Budgetgrupp.objects.filter(forbund_id=struktur.forbund_id)}
    rader_i = defaultdict(list)
    for r in trad:
        rader_i[r.grupp_id].append(r)
    barn = defaultdict(list)
    for g in tgrupp.values():
        barn[g.overordnad_id].append(g.pk)

    def under(grupp_id):
        """Every line of a tree group and the groups below it, in the tree's order."""
        ut, sedda, kvar = [], set(), [grupp_id]
        while kvar:
            pk = kvar.pop(0)
            if pk in sedda:
                continue
            sedda.add(pk)
            ut.extend(rader_i[pk])
            kvar.extend(sorted(barn[pk], key=lambda g: (tgrupp[g].ordning, g)))
        return ut

    rader: list[Budgetrad] = []
    rad_for: dict[int, Budgetrad] = {}
    for t in Tabellrad.objects.filter(grupp__struktur=struktur).order_by("ordning", "pk"):
        if t.budgetrad_id is not None:
            delar = [r for r in trad if r.pk == t.budgetrad_id]
            namn = t.etikett or (delar[0].namn if delar else "")
        else:
            delar = under(t.budgetgrupp_id)
            grupp = tgrupp.get(t.budgetgrupp_id)
            namn = t.etikett or (grupp.namn if grupp else "")
        if not delar:
            continue
        pseudo = copy.copy(delar[0])
        pseudo.namn = namn
        pseudo.grupp_id = t.grupp_id
        pseudo.ordning = t.ordning
        pseudo.delar = delar
        if len(delar) > 1:
            kategorier = {d.kategori for d in delar}
            pseudo.kategori = kategorier.pop() if len(kategorier) == 1 else ""
            insatser = {d.insats_id for d in delar}
            pseudo.insats_id = insatser.pop() if len(insatser) == 1 else None
        # The kansli placed the row: shown whenever it has a figure, even if the line is closed.
        pseudo.stangd = False
        rader.append(pseudo)
        for d in delar:
            rad_for.setdefault(d.pk, pseudo)

    # A line without kostnadskategori (e.g. ofördelade medel) counts, in this document, in
    # the category most of the rows the structure puts it among have.
    per_grupp = defaultdict(Counter)
    for r in rader:
        if r.kategori:
            per_grupp[r.grupp_id][r.kategori] += 1
    for r in rader:
        vanligast = per_grupp[r.grupp_id].most_common(2)
        if r.kategori or len(r.delar) != 1 or not vanligast:
            continue
        if len(vanligast) == 1 or vanligast[0][1] > vanligast[1][1]:
            r.kategori = vanligast[0][0]
            r.delar = [copy.copy(r.delar[0])]
            r.delar[0].kategori = r.kategori

    def topptyp(grupp_id):
        g, steg = tgrupp.get(grupp_id), 0
        while g is not None and g.overordnad_id in tgrupp and steg < len(tgrupp):
            g, steg = tgrupp[g.overordnad_id], steg + 1
        return g.typ if g is not None else Budgetgrupp.Typ.KOSTNAD

    saknade = [r for r in trad if r.pk not in rad_for]
    if saknade:
        ordning = max((g.ordning for g in grupper), default=0) + 1
        for typ, pk in UTANFOR.items():
            grupper.append(
                _pseudogrupp(
                    struktur,
                    pk,
                    None,
                    _("Övriga intäkter (utanför tabellstrukturen)")
                    if typ == Budgetgrupp.Typ.INTAKT
                    else _("Övriga kostnader (utanför tabellstrukturen)"),
                    typ,
                    True,
                    "",
                    ordning,
                )
            )
        for r in saknade:
            pseudo = copy.copy(r)
            pseudo.grupp_id = UTANFOR.get(topptyp(r.grupp_id), UTANFOR[Budgetgrupp.Typ.KOSTNAD])
            pseudo.delar = [r]
            rader.append(pseudo)
            rad_for[r.pk] = pseudo
    return UpplostStruktur(struktur=struktur, grupper=grupper, rader=rader, rad_for=rad_for)
