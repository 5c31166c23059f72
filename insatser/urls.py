from django.urls import path

from insatser import views

app_name = "insatser"
urlpatterns = [
    path("", views.insats_list, name="list"),
    path("ny/", views.insats_create, name="create"),
    path("<int:pk>/", views.insats_detail, name="detail"),
]
