from django.http import HttpResponse


def verksamhetsplan(request, ar):
    return HttpResponse("todo")


def verksamhetsplan_pdf(request, ar):
    return HttpResponse("todo")
