from django.shortcuts import render


def insats_list(request):
    return render(request, "insatser/insats_list.html", {})


def insats_create(request):
    return render(request, "insatser/insats_list.html", {})


def insats_detail(request, pk):
    return render(request, "insatser/insats_list.html", {})
