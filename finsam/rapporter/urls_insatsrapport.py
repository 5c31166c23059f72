"""URLs of the insats report (namespace `finsam`).

reverse("finsam:insatsrapport", args=["samordningsteam-vasteras", "2025-H1"])
"""

from django.urls import path

from finsam.rapporter import views_insatsrapport as views

urlpatterns = [
    path("<slug:slug>/<str:period>/", views.insatsrapport, name="insatsrapport"),
    path("<slug:slug>/<str:period>/pdf/", views.insatsrapport_pdf, name="insatsrapport-pdf"),
]
