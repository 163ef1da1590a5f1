from django import template

from plenaries.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """{{ decision.summary|markdown }}: an editor's Markdown as sanitised HTML."""
    return render_markdown(text)
