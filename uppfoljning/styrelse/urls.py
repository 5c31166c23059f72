"""URLs of the board's meetings and the important events, in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.styrelse import views

urlpatterns = [
    path("styrelsen/", views.styrelse_index, name="styrelse-index"),
    path("styrelsen/<int:ar>/", views.styrelse_list, name="styrelse-list"),
    path("styrelsen/<int:ar>/mote/ny/", views.mote_create, name="mote-create"),
    path("styrelsen/mote/andra/<int:pk>/", views.mote_edit, name="mote-edit"),
    path("styrelsen/mote/ta-bort/<int:pk>/", views.mote_delete, name="mote-delete"),
    path("styrelsen/<int:ar>/handelse/ny/", views.handelse_create, name="handelse-create"),
    path("styrelsen/handelse/andra/<int:pk>/", views.handelse_edit, name="handelse-edit"),
    path("styrelsen/handelse/ta-bort/<int:pk>/", views.handelse_delete, name="handelse-delete"),
]
