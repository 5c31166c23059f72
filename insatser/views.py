from django.shortcuts import render


def insats_list(request):
    return render(request, "insatser/insats_list.html", {})
