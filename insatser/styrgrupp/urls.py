"""Included by insatser/urls.py in the `insatser` namespace."""

from django.urls import path

from insatser.styrgrupp import views

urlpatterns = [
    path(
        "styrgrupp/<int:pk>/",
        views.styrgrupp_anvandare,
        name="styrgrupp-anvandare",
    ),
]
