"""URLs of the bokslut area, included in the `budget` namespace (names start with "bokslut-")."""

from django.urls import path

from budget.bokslut import views

urlpatterns = [
    path("", views.bokslut_list, name="bokslut-list"),
    path("ny/", views.bokslut_create, name="bokslut-create"),
    path("<int:ar>/", views.bokslut_detail, name="bokslut-detail"),
    path("<int:ar>/andra/", views.bokslut_edit, name="bokslut-edit"),
]
