from django.shortcuts import render


def overview(request):
    return render(request, "budget/overview.html", {})
