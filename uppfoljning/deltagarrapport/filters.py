"""The filters of the report lists: the periods, one period's overview and a user's
reports (see finsam/listor.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from finsam.listor import Listfilter, Sortering, ar_val
from uppfoljning.models import Deltagarrapport, Rapportperiod


class PeriodFilter(Listfilter):
    """The förbund's reporting periods by year and kind (no free-text search: a period is
    its year and kind)."""

    q = None

    ar = django_filters.ChoiceFilter(label=_("År"), choices=[], empty_label=_("Alla år"))
    typ = django_filters.ChoiceFilter(
        label=_("Period"), choices=Rapportperiod.Typ.choices, empty_label=_("Alla perioder")
    )

    class Meta:
        model = Rapportperiod
        fields = ["ar", "typ"]

    def begransa(self, forbund, queryset):
        self.filters["ar"].extra["choices"] = ar_val(queryset.values_list("ar", flat=True))


def period_sortering(data) -> Sortering:
    return Sortering(
        data,
        {
            "period": ["ar", "typ"],
            "sista_dag": ["sista_dag"],
            "antal": ["antal"],
            "inskickade": ["inskickade"],
            "godkanda": ["godkanda"],
        },
        standard="-period",
    )


class RapportFilter(Listfilter):
    """Reports by insats name, status and year (a steering group: its own reports only,
    the queryset given)."""

    sokfalt = ("insats__namn",)

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Deltagarrapport.Status.choices, empty_label=_("Alla")
    )
    ar = django_filters.ChoiceFilter(
        label=_("År"), field_name="period__ar", choices=[], empty_label=_("Alla år")
    )

    class Meta:
        model = Deltagarrapport
        fields = ["q", "status", "ar"]

    def begransa(self, forbund, queryset):
        # Unordered: with the model's ordering DISTINCT would be over the ordering's
        # columns too, a row per report instead of one per year.
        self.filters["ar"].extra["choices"] = ar_val(
            queryset.order_by().values_list("period__ar", flat=True).distinct()
        )


class PeriodRapportFilter(RapportFilter):
    """One period's reports: by insats name and status."""

    ar = None

    class Meta:
        model = Deltagarrapport
        fields = ["q", "status"]

    def begransa(self, forbund, queryset):
        pass


def rapport_sortering(data, *, standard: str = "period") -> Sortering:
    return Sortering(
        data,
        {
            "period": ["-period__ar", "-period__typ", "insats__ordning", "insats__namn"],
            "insats": ["insats__namn", "-period__ar", "-period__typ"],
            "status": ["status", "insats__namn"],
            "sista_dag": ["period__sista_dag", "insats__namn"],
        },
        standard=standard,
    )
