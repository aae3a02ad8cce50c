"""The comment form of a section on the consultation's page, made where the page includes
``consultations/comments/_section.html``: ``{% comment_form consultation section as form %}``."""

from django import template

from ..forms.comments import CommentForm, places

register = template.Library()
# Where a page's render keeps the settlements and groups, read once for all its forms (the
# render-wide store the {% include %} tag keeps its templates in).
PLACES = "consultations.comment_places"


@register.simple_tag(takes_context=True)
def comment_form(context, consultation, section):
    """An empty comment form on ``section`` (None: the whole document) while comments are open,
    else None."""
    store = context.render_context.dicts[0]
    if not CommentForm.is_open(consultation):
        return None
    if PLACES not in store:
        store[PLACES] = places()
    return CommentForm(consultation, section, choices=store[PLACES])
