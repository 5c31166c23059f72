"""URLs of the utfall area, included in the `budget` namespace (names start with "utfall-")."""

from django.urls import path

from budget.utfall import views

urlpatterns = [
    path("", views.utfall_list, name="utfall-list"),
    path("ny/", views.utfall_create, name="utfall-create"),
    path("<int:pk>/", views.utfall_detail, name="utfall-detail"),
    path("<int:pk>/andra/", views.utfall_edit, name="utfall-edit"),
    path("<int:pk>/excel/", views.utfall_delar_xlsx, name="utfall-delar-xlsx"),
    path(
        "driftredovisning/<int:ar>/",
        views.utfall_driftredovisning,
        name="utfall-driftredovisning",
    ),
    path(
        "driftredovisning/<int:ar>/excel/",
        views.utfall_driftredovisning_xlsx,
        name="utfall-driftredovisning-xlsx",
    ),
]
