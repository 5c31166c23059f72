"""The Uppföljning Finsam sheet: what Försäkringskassan's national follow-up system asks a
förbund's administrator for a year, field by field, from the stored data (selectors.py),
as a page and an Excel file (views.py, excel.py).

It lives on the roof because it needs both budget (medel, budget, utfall, bokslut) and
uppfoljning (participants), which do not import each other (docs/architecture.md).
"""
