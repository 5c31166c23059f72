"""URLs for working on an edition of any report, and the archive (namespace `finsam`).

reverse("finsam:rapport-texter", args=["arsredovisning", "2025"])
"""

from django.urls import path

from finsam.rapporter.utgava import bilder, views

urlpatterns = [
    path("arkiv/", views.arkiv, name="rapportarkiv"),
    path("arkiv/<int:pk>/pdf/", views.arkiv_pdf, name="rapportarkiv-pdf"),
    path("utgava/<str:kod>/<str:nyckel>/texter/", views.texter, name="rapport-texter"),
    path(
        "utgava/<str:kod>/<str:nyckel>/forhandsvisning/",
        views.forhandsvisning,
        name="rapport-forhandsvisning",
    ),
    path("utgava/<str:kod>/<str:nyckel>/kontroll/", views.kontroll, name="rapport-kontroll"),
    path(
        "utgava/<str:kod>/<str:nyckel>/faststall/", views.faststall_view, name="rapport-faststall"
    ),
    path("utgava/<str:kod>/<str:nyckel>/oppna/", views.oppna_view, name="rapport-oppna"),
    path("utgava/<str:kod>/<str:nyckel>/bilder/", bilder.bilder, name="rapport-bilder"),
    path(
        "utgava/<str:kod>/<str:nyckel>/bilder/<int:pk>/ta-bort/",
        bilder.bild_ta_bort_view,
        name="rapport-bild-ta-bort",
    ),
    path("bild/<int:pk>/", bilder.bild, name="rapportbild"),
]
