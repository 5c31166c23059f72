"""The Uppföljning Finsam sheet's URLs, in the `finsam` namespace (finsam/rapporter/urls.py
includes them)."""

from django.urls import path

from finsam.rapporter.nationell import views

urlpatterns = [
    path("uppfoljning-finsam/", views.nationell_index, name="nationell-index"),
    path("uppfoljning-finsam/<int:ar>/", views.nationell, name="nationell"),
    path("uppfoljning-finsam/<int:ar>/xlsx/", views.nationell_xlsx, name="nationell-xlsx"),
]
