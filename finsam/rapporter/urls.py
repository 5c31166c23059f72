"""The roof's URLs, in the `finsam` namespace (finsam/app_urls.py includes them): the start
page, the Rapporter page, every registered document's HTML and PDF, and the work on
editions (utgava/urls.py).

    reverse("finsam:verksamhetsplan", args=[2025])
    reverse("finsam:delarsrapport-pdf", args=["2025-08-31"])
    reverse("finsam:insatsrapport", args=["samordningsteam-vasteras", "2025-H1"])

The document URLs are made from the registry (finsam/rapporter/dokument.py):
rapporter/<url_segment>/<url_route> named <url_namn>, and .../pdf/ named <url_namn>-pdf.
"""

from django.urls import include, path, register_converter
from django.urls.converters import get_converters

from finsam.rapporter import start, views
from finsam.rapporter.dokument import typer


def _dokument_urls():
    urls = []
    for typ in typer().values():
        for namn, konverterare in typ.url_konverterare.items():
            if namn not in get_converters():
                register_converter(konverterare, namn)
        route = f"rapporter/{typ.url_segment}/{typ.url_route}"
        urls += [
            path(route, views.visa, {"kod": typ.kod}, name=typ.url_namn),
            path(f"{route}pdf/", views.pdf, {"kod": typ.kod}, name=typ.pdf_url_namn),
        ]
    return urls


urlpatterns = [
    path("", start.start, name="start"),
    path("rapporter/", views.rapporter, name="rapporter"),
    *_dokument_urls(),
    path("rapporter/", include("finsam.rapporter.utgava.urls")),
    path("rapporter/", include("finsam.rapporter.nationell.urls")),
    path("", include("finsam.rapporter.uppstart.urls")),
]
