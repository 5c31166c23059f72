"""Tags of the lists: sortable column headers and breadcrumbs (see finsam/listor.py)."""

from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse

from finsam.listor import ORDNING

register = template.Library()

#: Query-string parameters a new order drops (the page number: page 1 of the new order).
NOLLSTALLS = ("sida",)


@register.inclusion_tag("finsam/_sorthuvud.html", takes_context=True)
def sorthuvud(context, sortering, nyckel: str, etikett: str, klass: str = ""):
    """A <th> whose link sorts the list by `nyckel` (again: reversed), keeping the
    filters of the query string; the sorted column carries aria-sort."""
    request = context["request"]
    data = request.GET.copy()
    for namn in NOLLSTALLS:
        data.pop(namn, None)
    data[ORDNING] = sortering.nasta(nyckel)
    return {
        "href": f"?{data.urlencode()}",
        "etikett": etikett,
        "riktning": sortering.riktning(nyckel),
        "klass": klass,
    }


def _url(varde) -> str:
    """A URL as it is, or a URL name without arguments reversed."""
    varde = str(varde)
    if varde.startswith(("/", "?", "#", "http")):
        return varde
    try:
        return reverse(varde)
    except NoReverseMatch:
        return varde


@register.inclusion_tag("finsam/_brodsmulor.html")
def brodsmulor(*delar):
    """Breadcrumbs from the start page: {% brodsmulor "Insatser" "insatser:list" insats.namn %}
    — pairs of label and URL (or URL name), then the current page's label."""
    delar = list(delar)
    aktuell = delar.pop() if len(delar) % 2 else None
    lankar = [(delar[i], _url(delar[i + 1])) for i in range(0, len(delar), 2)]
    return {"lankar": lankar, "aktuell": aktuell}


@register.simple_tag
def lank(namn: str, *args, **fraga) -> str:
    """A URL with a query string, for a breadcrumb: {% lank "budget:overview" ar=2025 as u %}."""
    url = reverse(namn, args=args)
    return f"{url}?{urlencode(fraga)}" if fraga else url
