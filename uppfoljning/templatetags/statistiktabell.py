"""The participant statistics' count tables, written in Python.

`{% statistiktabell tabell rubrik forsta %}` gives exactly the HTML of
`uppfoljning/statistik/_tabell.html` (which stays the reference, and is what the tests
compare with): the statistics page shows a dozen such tables with a cell each per insats
and kön, and the template engine's per-cell nodes were most of the page's server time.
"""

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def statistiktabell(context, tabell, rubrik, forsta):
    grupperas = settings.USE_THOUSAND_SEPARATOR
    escapas = context.autoescape

    def v(value):
        # What render_value_in_context gives, without its per-value work for the two
        # kinds of almost every cell: a count (localize: the digits, ungrouped) and a
        # plain text ("<3", a name: escaped).
        typ = type(value)
        if typ is int and not grupperas:
            return str(value)
        if typ is str and escapas:
            return escape(value)
        return render_value_in_context(value, context)

    dold_titel = v(gettext("Döljs för styrelse och revisor"))
    ut = [
        '<div class="table-responsive">\n<table class="table table-sm w-auto statistik-tabell">\n'
        '  <caption class="caption-top">',
        v(rubrik),
        '</caption>\n  <thead><tr><th scope="col">',
        v(forsta),
        "</th>",
    ]
    for h in tabell.header:
        ut += ['<th scope="col" class="text-end">', v(h), "</th>"]
    ut.append("</tr></thead>\n  <tbody>\n  ")
    for row in tabell.rows:
        total = row["total"]
        ut += [
            '\n  <tr class="fw-bold border-top">' if total else "\n  <tr>",
            '\n    <th scope="row" class="fw-normal fw-bold">'
            if total
            else '\n    <th scope="row" class="fw-normal">',
            v(row["label"]),
            "</th>\n    ",
        ]
        for cell in row["cells"]:
            marked = cell["marked"]
            klass = "text-end"
            if cell["hidden"]:
                klass += " smatal-dold"
            if marked:
                klass += " smatal-markerad"
                ut += [f'<td class="{klass}" title="{dold_titel}">', v(cell["value"]), "*</td>"]
            else:
                ut += [f'<td class="{klass}">', v(cell["value"]), "</td>"]
        ut.append("\n  </tr>\n  ")
    ut.append("\n  </tbody>\n</table>\n</div>\n")
    return mark_safe("".join(ut))
