"""URLs of the Excel import, included in the `budget` namespace (names start with "import-")."""

from django.urls import path

from budget.importer import views as views_import

urlpatterns = [
    path("", views_import.upload, name="import-upload"),
    path("mall/<str:slag>/<int:pk>/", views_import.template, name="import-template"),
    path("<str:token>/", views_import.preview, name="import-preview"),
    path("<str:token>/tillampa/", views_import.apply, name="import-apply"),
    path("<str:token>/avbryt/", views_import.cancel, name="import-cancel"),
]
