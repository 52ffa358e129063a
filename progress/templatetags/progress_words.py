from django import template

from progress import wording

register = template.Library()

register.filter("in_words", wording.number_in_words)
register.filter("duration", wording.duration_in_words)
register.filter("days_ago", wording.days_ago_in_words)
