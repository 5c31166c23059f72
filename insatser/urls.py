from django.urls import path

from insatser import views

app_name = "insatser"
urlpatterns = [
    path("", views.insats_list, name="list"),
]
