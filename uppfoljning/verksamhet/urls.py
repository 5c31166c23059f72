"""URLs of structural activities, indicators and goals, in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.verksamhet import views

urlpatterns = [
    # Structural activities
    path("aktiviteter/", views.aktivitet_index, name="aktivitet-index"),
    path("aktiviteter/<int:ar>/", views.aktivitet_list, name="aktivitet-list"),
    path("aktiviteter/<int:ar>/ny/", views.aktivitet_create, name="aktivitet-create"),
    path("aktiviteter/andra/<int:pk>/", views.aktivitet_edit, name="aktivitet-edit"),
    path("aktiviteter/ta-bort/<int:pk>/", views.aktivitet_delete, name="aktivitet-delete"),
    # Indicators
    path("indikatorer/", views.indikator_index, name="indikator-index"),
    path("indikatorer/<int:ar>/", views.indikator_detail, name="indikator-detail"),
    path(
        "indikatorer/<int:ar>/bedomningar/",
        views.indikator_bedomning_edit,
        name="indikator-bedomning-edit",
    ),
    path("indikatorer/<int:ar>/<slug:grupp>/", views.indikator_edit, name="indikator-edit"),
    # Goals
    path("mal/", views.mal_index, name="mal-index"),
    path("mal/<int:ar>/", views.mal_list, name="mal-list"),
    path("mal/<int:ar>/nytt/<int:malomrade_pk>/", views.mal_create, name="mal-create"),
    path("mal/andra/<int:pk>/", views.mal_edit, name="mal-edit"),
    path("mal/ta-bort/<int:pk>/", views.mal_delete, name="mal-delete"),
    path("mal/<int:pk>/aktivitet/ny/", views.mal_aktivitet_create, name="mal-aktivitet-create"),
    path("mal/aktivitet/andra/<int:pk>/", views.mal_aktivitet_edit, name="mal-aktivitet-edit"),
    path(
        "mal/aktivitet/ta-bort/<int:pk>/",
        views.mal_aktivitet_delete,
        name="mal-aktivitet-delete",
    ),
    path(
        "mal/<int:pk>/uppfoljning/<slug:tillfalle>/",
        views.mal_uppfoljning,
        name="mal-uppfoljning",
    ),
]
