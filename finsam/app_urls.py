from django.urls import include, path

from finsam import views
from finsam import views_fortroendevalda as vf
from finsam.historik import views as historik_views
from finsam.rapporter import views as rapport_views

app_name = "finsam"
urlpatterns = [
    path("", views.start, name="start"),
    path("forbundet/", views.forbund_detail, name="forbund"),
    path("forbundet/andra/", views.forbund_edit, name="forbund-edit"),
    path("forbundet/styrelse/", vf.fortroendevald_list, name="fortroendevald-list"),
    path("forbundet/styrelse/ny/", vf.fortroendevald_create, name="fortroendevald-create"),
    path("forbundet/styrelse/<int:pk>/", vf.fortroendevald_edit, name="fortroendevald-edit"),
    path(
        "forbundet/styrelse/<int:pk>/ta-bort/",
        vf.fortroendevald_delete,
        name="fortroendevald-delete",
    ),
    path("medlemmar/", views.medlem_list, name="medlem-list"),
    path("medlemmar/ny/", views.medlem_create, name="medlem-create"),
    path("medlemmar/<int:pk>/", views.medlem_detail, name="medlem-detail"),
    path("medlemmar/<int:pk>/andra/", views.medlem_edit, name="medlem-edit"),
    path("historik/", historik_views.historik, name="historik"),
    path("historik/excel/", historik_views.historik_xlsx, name="historik-xlsx"),
    path("rapporter/", views.rapporter, name="rapporter"),
    path(
        "rapporter/verksamhetsplan/<int:ar>/",
        rapport_views.verksamhetsplan,
        name="verksamhetsplan",
    ),
    path(
        "rapporter/verksamhetsplan/<int:ar>/pdf/",
        rapport_views.verksamhetsplan_pdf,
        name="verksamhetsplan-pdf",
    ),
    path("rapporter/delarsrapport/", include("finsam.rapporter.urls_delarsrapport")),
    path("rapporter/arsredovisning/", include("finsam.rapporter.urls_arsredovisning")),
    path("rapporter/insats/", include("finsam.rapporter.urls_insatsrapport")),
    path("rapporter/", include("finsam.rapporter.utgava.urls")),
]
