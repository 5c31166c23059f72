from django import template

from finsam import formatting

register = template.Library()

register.filter("belopp", formatting.belopp)
register.filter("kr", formatting.kr)
register.filter("tkr", formatting.tkr)
register.filter("procent", formatting.procent)
register.filter("datum", formatting.datum)
register.filter("decimal_sv", formatting.decimal_sv)


@register.filter
def fte(value):
    """FTE as the documents write it: 1,0 / 0,4 / 0,25."""
    if value is None:
        return ""
    text = formatting.decimal_sv(value, 2)
    return text[:-1] if text.endswith("0") else text


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
