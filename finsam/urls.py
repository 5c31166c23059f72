from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("insatser/", include("insatser.urls")),
    path("budget/", include("budget.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    path("", include("finsam.app_urls")),
]
