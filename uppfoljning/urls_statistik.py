"""URLs of the statistik area, included in the `uppfoljning` namespace."""

urlpatterns: list = []
