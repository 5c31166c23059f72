"""URLs of the notices, included in the `finsam` namespace under notiser/."""

from django.urls import path

from finsam.notiser import views

urlpatterns = [
    path("", views.notis_list, name="notiser"),
    path("las-alla/", views.las_alla, name="notiser-las-alla"),
    path("<int:pk>/las/", views.notis_las, name="notis-las"),
    path("installningar/", views.installningar, name="notis-installningar"),
]
