"""URLs of the bokslut area, included in the `budget` namespace (names start with "bokslut-")."""

from django.urls import path

from budget.bokslut import views as views_bokslut

urlpatterns = [
    path("", views_bokslut.bokslut_list, name="bokslut-list"),
    path("ny/", views_bokslut.bokslut_create, name="bokslut-create"),
    path("<int:ar>/", views_bokslut.bokslut_detail, name="bokslut-detail"),
    path("<int:ar>/andra/", views_bokslut.bokslut_edit, name="bokslut-edit"),
]
