"""URLs of the measures (Matt), included in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.matt import views as views_matt

urlpatterns = [
    path("matt/", views_matt.matt_list, name="matt-list"),
    path("matt/ny/", views_matt.matt_create, name="matt-create"),
    path("matt/standard/", views_matt.matt_standard, name="matt-standard"),
    path("matt/<int:pk>/andra/", views_matt.matt_edit, name="matt-edit"),
]
