"""URLs of the ovrigt area, included in the `uppfoljning` namespace."""

urlpatterns: list = []
