"""{% main_menu as menu %}: the header menu of duban/web/navigation.py, for base.html."""

from django import template

from duban.web import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> navigation.Menu | None:
    request = context.get("request")
    if request is None:
        return None
    return navigation.menu_for(request, context.get("plan"), context.get("periods"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[navigation.Crumb]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return navigation.crumbs_for(match.url_name if match else None, context)
