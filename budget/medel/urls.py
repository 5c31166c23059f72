"""URLs of the medel area, included in the `budget` namespace (names start with "medel-")."""

from django.urls import path

from budget.medel import views

urlpatterns = [
    path("", views.medel_list, name="medel-list"),
    path("ny/", views.medel_create, name="medel-create"),
    path("<int:ar>/", views.medel_detail, name="medel-detail"),
    path("<int:ar>/andra/", views.medel_edit, name="medel-edit"),
    path("<int:ar>/excel/", views.medel_xlsx, name="medel-xlsx"),
]
