"""`{% snabbt_falt %}`: crispy-bootstrap5's field template written in Python
(finsam/crispy_falt.py), used by `templates/bootstrap5/field.html`."""

from django import template
from django.utils.safestring import mark_safe

from finsam import crispy_falt

register = template.Library()


class SnabbtFaltNode(template.Node):
    def render(self, context):
        return mark_safe(crispy_falt.render(context))


@register.tag
def snabbt_falt(parser, token):
    return SnabbtFaltNode()
