"""URLs of the Excel import, included in the `budget` namespace (names start with "import-")."""

from django.urls import path

from budget.importer import views

urlpatterns = [
    path("", views.upload, name="import-upload"),
    path("mall/<str:slag>/<int:pk>/", views.template, name="import-template"),
    path("<str:token>/", views.preview, name="import-preview"),
    path("<str:token>/tillampa/", views.apply, name="import-apply"),
    path("<str:token>/avbryt/", views.cancel, name="import-cancel"),
]
