"""Notices: an in-app list per user and e-mail, at once or as a weekly digest.

Ground floor: the apps call `services.notifiera(...)` when something happens that a user
should know (a report submitted, returned, approved); this package knows no app.
"""
