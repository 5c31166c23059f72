from django.urls import include, path

from insatser import views

app_name = "insatser"
urlpatterns = [
    path("", views.insats_list, name="list"),
    path("xlsx/", views.insats_list_xlsx, name="list-xlsx"),
    path("ny/", views.insats_create, name="create"),
    path("<int:pk>/", views.insats_detail, name="detail"),
    path("<int:pk>/andra/", views.insats_edit, name="edit"),
    path("<int:pk>/bemanning/ny/", views.bemanning_create, name="bemanning-create"),
    path("bemanning/<int:pk>/andra/", views.bemanning_edit, name="bemanning-edit"),
    path("bemanning/<int:pk>/ta-bort/", views.bemanning_delete, name="bemanning-delete"),
    path("<int:pk>/beslut/ny/", views.beslut_create, name="beslut-create"),
    path("beslut/<int:pk>/andra/", views.beslut_edit, name="beslut-edit"),
    path("beslut/<int:pk>/ta-bort/", views.beslut_delete, name="beslut-delete"),
    path("", include("insatser.ekonomi.urls")),
    path("", include("insatser.styrgrupp.urls")),
    path("malomraden/", views.malomrade_list, name="malomrade-list"),
    path("malomraden/ny/", views.malomrade_create, name="malomrade-create"),
    path("malomraden/<int:pk>/andra/", views.malomrade_edit, name="malomrade-edit"),
]
