"""URLs of the delarsrapport, in the `finsam` namespace (names start with "delarsrapport").

reverse("finsam:delarsrapport", args=["2025-08-31"])
"""

from datetime import date

from django.urls import path, register_converter

from finsam.rapporter import views_delarsrapport as views


class DatumConverter:
    """A date as YYYY-MM-DD; an impossible date does not match (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat() if isinstance(value, date) else str(value)


register_converter(DatumConverter, "delarsdatum")

urlpatterns = [
    path("<delarsdatum:per>/", views.delarsrapport, name="delarsrapport"),
    path("<delarsdatum:per>/pdf/", views.delarsrapport_pdf, name="delarsrapport-pdf"),
]
