"""The filters of the insats list and the rekvisition list (see finsam/listor.py)."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from finsam.listor import Listfilter, Sortering, ar_val
from finsam.models import Medlem
from insatser.models import Insats, Malomrade, Rekvisition
from insatser.selectors import STATUSFILTER, filter_status


class _ListIterator(django_filters.fields.ModelChoiceIterator):
    """The select's choices from its queryset read by one ordinary query (Django's own
    reads through `iterator()`, on PostgreSQL a server-side cursor: three round trips)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self):
        return (
            len(self.queryset)
            + (self.field.empty_label is not None)
            + (self.field.null_label is not None)
        )


class _ListChoiceField(ModelChoiceField):
    iterator = _ListIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ListChoiceField


class InsatsFilter(Listfilter):
    """Search, status (default: not ended), målområde, typ and kommun. The selects list
    only what the user's insatser hold (a steering group: its own insats's)."""

    sokfalt = ("namn", "slug", "malgrupp", "agare__namn")

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(k, label) for k, (label, _s) in STATUSFILTER.items() if k],
        empty_label=STATUSFILTER[""][0],
        method="filtrera_status",
    )
    malomrade = ModelChoiceFilter(
        label=_("Målområde"), queryset=Malomrade.objects.none(), empty_label=_("Alla målområden")
    )
    typ = django_filters.ChoiceFilter(
        label=_("Typ"), choices=Insats.Typ.choices, empty_label=_("Alla typer")
    )
    kommun = ModelChoiceFilter(
        label=_("Kommun"),
        field_name="kommuner",
        queryset=Medlem.objects.none(),
        empty_label=_("Alla kommuner"),
    )

    class Meta:
        model = Insats
        fields = ["q", "status", "malomrade", "typ", "kommun"]

    def begransa(self, forbund, queryset):
        # `pk__in` a subquery of the rows' keys, not a join and DISTINCT of every column
        # (at national scale a third of the list's cold time).
        rader = queryset.order_by()
        self.filters["malomrade"].queryset = Malomrade.objects.filter(
            forbund=forbund, pk__in=rader.values("malomrade_id")
        )
        self.filters["kommun"].queryset = Medlem.objects.filter(
            forbund=forbund, pk__in=rader.values("kommuner")
        )

    def filtrera_status(self, queryset, name, value):
        return filter_status(queryset, value)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = filter_status(queryset, "")
        return queryset


def insats_sortering(data) -> Sortering:
    return Sortering(
        data,
        {
            "namn": ["namn"],
            "malomrade": ["malomrade__ordning", "malomrade__namn", "ordning", "namn"],
            "typ": ["typ", "namn"],
            "status": ["status", "namn"],
            "start": ["startdatum", "namn"],
            "slut": ["slutdatum", "namn"],
            "agare": ["agare__namn", "namn"],
        },
        standard="malomrade",
    )


class RekvisitionFilter(Listfilter):
    """Search, insats, målområde, year and a date range of the payments."""

    sokfalt = ("insats__namn", "anteckning")

    insats = ModelChoiceFilter(
        label=_("Insats"), queryset=Insats.objects.none(), empty_label=_("Alla insatser")
    )
    malomrade = ModelChoiceFilter(
        label=_("Målområde"),
        field_name="insats__malomrade",
        queryset=Malomrade.objects.none(),
        empty_label=_("Alla målområden"),
    )
    avser_ar = django_filters.ChoiceFilter(
        label=_("Avser år"), choices=[], empty_label=_("Alla år")
    )
    fran = django_filters.DateFilter(
        label=_("Utbetald från och med"),
        field_name="datum",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    till = django_filters.DateFilter(
        label=_("Utbetald till och med"),
        field_name="datum",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Rekvisition
        fields = ["q", "insats", "malomrade", "avser_ar", "fran", "till"]

    def begransa(self, forbund, queryset):
        # `pk__in` a subquery of the rows' keys, not a join and DISTINCT of every column.
        rader = queryset.order_by()
        self.filters["insats"].queryset = Insats.objects.filter(
            forbund=forbund, pk__in=rader.values("insats_id")
        ).order_by("namn")
        self.filters["malomrade"].queryset = Malomrade.objects.filter(
            forbund=forbund, pk__in=rader.values("insats__malomrade_id")
        )
        self.filters["avser_ar"].extra["choices"] = ar_val(
            # unordered: the default ordering's columns would make DISTINCT give every row
            rader.values_list("avser_ar", flat=True).distinct()
        )


def rekvisition_sortering(data) -> Sortering:
    return Sortering(
        data,
        {
            "datum": ["datum"],
            "insats": ["insats__namn", "datum"],
            "ar": ["avser_ar", "datum"],
            "belopp": ["belopp"],
        },
        standard="-datum",
    )
