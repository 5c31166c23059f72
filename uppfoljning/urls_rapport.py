"""URLs of the rapport area, included in the `uppfoljning` namespace."""

urlpatterns: list = []
