from django import template

from ivanovo_portal import markdown as markdown_text

register = template.Library()


@register.filter
def markdown(text):
    """Staff's Markdown as safe HTML (``ivanovo_portal.markdown``)."""
    return markdown_text.render(text)
