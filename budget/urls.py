from django.urls import include, path

from budget import views

app_name = "budget"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("versioner/ny/", views.version_create, name="version-create"),
    path("versioner/<int:pk>/", views.version_detail, name="version-detail"),
    path("versioner/<int:pk>/andra/", views.version_edit, name="version-edit"),
    path("versioner/<int:pk>/belopp/", views.belopp_edit, name="belopp-edit"),
    path("", include("budget.cykel.urls")),
    path("struktur/", views.struktur, name="struktur"),
    path("grupper/ny/", views.grupp_create, name="grupp-create"),
    path("grupper/<int:pk>/andra/", views.grupp_edit, name="grupp-edit"),
    path("rader/ny/", views.rad_create, name="rad-create"),
    path("rader/<int:pk>/andra/", views.rad_edit, name="rad-edit"),
    path("rader/<int:pk>/ta-bort/", views.rad_delete, name="rad-delete"),
    path("medel/", include("budget.medel.urls")),
    path("tabeller/", include("budget.tabeller.urls")),
    path("utfall/sie/", include("budget.sie.urls")),
    path("utfall/", include("budget.utfall.urls")),
    path("bokslut/", include("budget.bokslut.urls")),
    path("import/", include("budget.importer.urls")),
    path("kansli/", include("budget.kansli.urls")),
]
