from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from finsam.anvandare.forms import GlomtLosenordForm

urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail (also the link of an invitation): Django's views, Swedish
    # templates. The answer never says whether the address exists, and setting a password
    # does not log in, so the login throttling (django-axes) still guards the login.
    path(
        "glomt-losenord/",
        auth_views.PasswordResetView.as_view(
            form_class=GlomtLosenordForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(post_reset_login=False),
        name="password_reset_confirm",
    ),
    path(
        "nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("insatser/", include("insatser.urls")),
    path("budget/", include("budget.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    path("", include("finsam.app_urls")),
]
