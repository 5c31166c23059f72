"""URLs of the kansli's staff, in the `budget` namespace under kansli/."""

from django.urls import path

from budget.kansli import views

urlpatterns = [
    path("", views.kansli_index, name="kansli-index"),
    path("<int:ar>/", views.kansli_list, name="kansli-list"),
    path("<int:ar>/ny/", views.kansli_create, name="kansli-create"),
    path("<int:ar>/kopiera/", views.kansli_kopiera, name="kansli-kopiera"),
    path("andra/<int:pk>/", views.kansli_edit, name="kansli-edit"),
    path("ta-bort/<int:pk>/", views.kansli_delete, name="kansli-delete"),
]
