"""URLs of the measures (Matt), included in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.matt import views

urlpatterns = [
    path("matt/", views.matt_list, name="matt-list"),
    path("matt/ny/", views.matt_create, name="matt-create"),
    path("matt/standard/", views.matt_standard, name="matt-standard"),
    path("matt/<int:pk>/andra/", views.matt_edit, name="matt-edit"),
]
