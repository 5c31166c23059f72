"""URLs of the target-group statistics, in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.malgrupper import views

urlpatterns = [
    path("malgrupper/", views.malgrupp_index, name="malgrupp-index"),
    path("malgrupper/<int:ar>/", views.malgrupp_list, name="malgrupp-list"),
    path("malgrupper/<int:ar>/ny/", views.malgrupp_create, name="malgrupp-create"),
    path(
        "malgrupper/<int:ar>/tabell/<str:aldersgrupp>/",
        views.malgrupp_tabell,
        name="malgrupp-tabell",
    ),
    path("malgrupper/andra/<int:pk>/", views.malgrupp_edit, name="malgrupp-edit"),
    path("malgrupper/ta-bort/<int:pk>/", views.malgrupp_delete, name="malgrupp-delete"),
]
