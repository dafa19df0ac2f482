from django import template
from django.utils.html import format_html

from workflows.receipts import FIELD, new_token

register = template.Library()


@register.simple_tag
def step_token():
    """The hidden one-time token of a step form (workflows/receipts.py): a fresh one on
    every page shown, so a retried POST of this page is recognised and a new page acts anew."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
