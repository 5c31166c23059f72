"""Lists you can work with: search, filter and sort through the query string.

- `Listfilter` is the base of every list's filter (a django-filter `FilterSet`): a `q`
  search over the fields in `sokfalt`, every word must match one of them. Subclasses add
  their select filters and scope their choices to the user's förbund in `begransa()`.
  An invalid value (``?ar=abc``) makes that field's error show in the form and the field
  is ignored; the list is still shown.
- `Sortering` reads ``?ordning=<nyckel>`` or ``?ordning=-<nyckel>`` (descending) against
  the list's allowed keys; an unknown key is ignored (the default order is used).

The templates are `finsam/_filterform.html` (the GET form) and the tags in
`finsam.templatetags.listor` (`sorthuvud` for a sortable column header, `brodsmulor`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import TomtValMixin

#: The query-string parameter of the order.
ORDNING = "ordning"


class Listformular(TomtValMixin, forms.Form):
    """The form of every list filter (GET, never saved): the app's empty-choice labels."""


class Listfilter(django_filters.FilterSet):
    """A list's filter: `q` searches `sokfalt` (case-insensitive, every word must match).

    `forbund` scopes the choices of select filters: a subclass sets their querysets in
    `begransa(forbund, queryset)`, never listing another förbund's rows."""

    q = django_filters.CharFilter(label=_("Sök"), method="sok", max_length=200)

    #: ORM paths searched by `q` (icontains).
    sokfalt: Sequence[str] = ()

    def __init__(self, data=None, queryset=None, *, forbund, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.forbund = forbund
        self.begransa(forbund, self.queryset)
        self._stil()

    def _stil(self) -> None:
        """Bootstrap classes, and aria-invalid/-describedby on the fields in error."""
        form = self.form
        fel = form.errors if self.is_bound else {}
        for namn, falt in form.fields.items():
            widget = falt.widget
            klass = "form-select" if widget.input_type == "select" else "form-control"
            if widget.input_type == "select" and getattr(falt, "empty_label", 0) == "---------":
                falt.empty_label = _("Alla")
            if namn in fel:
                klass += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{form[namn].id_for_label}-fel"
            widget.attrs["class"] = klass

    def get_form_class(self):
        """django-filter's form class, built on Listformular."""
        falt = {namn: f.field for namn, f in self.filters.items()}
        return type(f"{type(self).__name__}Form", (Listformular,), falt)

    def begransa(self, forbund, queryset: QuerySet) -> None:
        """Scope the select filters' choices to `forbund` (and to what `queryset` holds)."""

    def sok(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for ord_ in value.split()[:10]:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{falt}__icontains": ord_}) for falt in self.sokfalt))
            )
        return queryset.distinct() if any("__" in f for f in self.sokfalt) else queryset

    @property
    def aktiv(self) -> bool:
        """Whether any filter narrows the list (for "Rensa" and the empty-list text)."""
        if not self.is_bound:
            return False
        return any(
            self.data.get(namn) not in (None, "") for namn in self.filters if namn != ORDNING
        )

    def beskrivning(self) -> str:
        """The active filters in words ("Status: Pågående. Sök: team"), e.g. for an export."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        delar = []
        for namn, varde in self.form.cleaned_data.items():
            if varde in (None, "") or namn == ORDNING:
                continue
            falt = self.form.fields[namn]
            if hasattr(falt, "choices") and not hasattr(varde, "pk"):
                varde = {str(k): v for k, v in falt.choices}.get(str(varde), varde)
            delar.append(f"{falt.label}: {varde}")
        return ". ".join(delar)


def ar_val(ar: Iterable[int]) -> list[tuple[int, str]]:
    """Choices of a year filter: the years that occur, newest first."""
    return [(a, str(a)) for a in sorted({a for a in ar if a is not None}, reverse=True)]


@dataclass(frozen=True)
class Sorteringsnyckel:
    etikett: str
    falt: tuple[str, ...]


class Sortering:
    """``?ordning=`` against the allowed keys: `nycklar` maps a key to the fields it
    orders by (ascending; a "-" in the query string reverses all of them)."""

    def __init__(self, data, nycklar: dict[str, Sequence[str]], standard: str):
        if standard.lstrip("-") not in nycklar:
            raise ValueError(f"standard {standard!r} is not one of the keys")
        self.nycklar = {k: tuple(v) for k, v in nycklar.items()}
        varde = str((data or {}).get(ORDNING, "") or "").strip()
        nyckel = varde.removeprefix("-")
        self.ogiltig = bool(varde) and nyckel not in self.nycklar
        if not varde or self.ogiltig:
            varde = standard
        self.varde = varde
        self.nyckel = varde.removeprefix("-")
        self.fallande = varde.startswith("-")

    def falt(self) -> list[str]:
        """The order_by() fields of the chosen order, ending with pk so it is total."""
        falt = list(self.nycklar[self.nyckel])
        if self.fallande:
            falt = [f[1:] if f.startswith("-") else f"-{f}" for f in falt]
        return [*falt, "-pk" if self.fallande else "pk"]

    def ordna(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by(*self.falt())

    def ordna_lista(self, rader: list, nyckel) -> list:
        """Sort a list in Python by `nyckel(rad)` for the chosen order (a list built from
        several queries, e.g. the period overview)."""
        return sorted(rader, key=nyckel, reverse=self.fallande)

    def riktning(self, nyckel: str) -> str | None:
        """ "ascending"/"descending" for the sorted column, else None (aria-sort)."""
        if nyckel != self.nyckel:
            return None
        return "descending" if self.fallande else "ascending"

    def nasta(self, nyckel: str) -> str:
        """The ?ordning= value of a click on column `nyckel`: ascending, or reversed if
        it is already the order."""
        if nyckel == self.nyckel and not self.fallande:
            return f"-{nyckel}"
        return nyckel
