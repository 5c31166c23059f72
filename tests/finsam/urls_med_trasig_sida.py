"""The project's URLs plus two broken pages, for the self-test of test_alla_sidor."""

from django.http import HttpResponse
from django.urls import path

from finsam.models import Medlem
from finsam.urls import urlpatterns as projektets


def kraschar(request):
    return HttpResponse([][0])


def skriver(request):
    Medlem.objects.filter(forbund_id=request.user.forbund_id).update(ordning=99)
    return HttpResponse("ok")


urlpatterns = [
    path("trasig/", kraschar, name="trasig"),
    path("skriver/", skriver, name="skriver"),
    *projektets,
]
