"""The NHS.UK summary list, written once (``templates/includes/summary_list.html``).

A template lists its rows between ``{% summary_list %}`` and ``{% endsummary_list %}``; each row is
``{% summary_row "Key" %}value{% endsummary_row %}`` (or, for a key with markup of its own,
``{% summary_row %}key{% summary_value %}value{% endsummary_row %}``), with optional ``action_url``, ``action_text``
("Change" unless told) and ``action_hidden`` (what the action concerns, read by screen readers only),
an ``id`` for the row, and ``about_people`` where the value is a figure about people (the value is then
marked ``data-people``: it is under disclosure control, and the tests that check it find it by that mark). The value is the template's own markup, so rows may hold links, tags or
paragraphs; conditions and loops around rows work as anywhere else. Rows can also be given as a list of
dicts built in the view or selector: ``{% include "includes/summary_list.html" with rows=rows %}``.
"""

from django import template
from django.template.base import token_kwargs
from django.template.loader import get_template
from django.utils.safestring import mark_safe

register = template.Library()

_ROWS = "_summary_list_rows"
_ROW_OPTIONS = {"action_url", "action_text", "action_hidden", "id", "about_people"}


class SummaryListNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        rows: list[dict] = []
        with context.push(**{_ROWS: rows}):
            self.nodelist.render(context)
        if not rows:
            return ""  # an empty list shows nothing, not an empty box
        options = {name: value.resolve(context) for name, value in self.options.items()}
        return get_template("includes/summary_list.html").render(
            {
                "rows": rows,
                "any_actions": any(row.get("action_url") for row in rows),
                "classes": options.get("classes", ""),
                "list_id": options.get("id", ""),
            }
        )


class SummaryRowNode(template.Node):
    def __init__(self, key, nodelist, options):
        self.key = key
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        rows = context.get(_ROWS)
        if rows is None:
            raise template.TemplateSyntaxError("summary_row is used only inside summary_list")
        row = {name: value.resolve(context) for name, value in self.options.items()}
        if isinstance(self.key, template.NodeList):
            row["key"] = mark_safe(self.key.render(context))  # noqa: S308 (rendered, so escaped already)
        else:
            row["key"] = self.key.resolve(context)
        row["value"] = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered, so escaped already)
        rows.append(row)
        return ""


def _options(parser, bits, allowed) -> dict:
    options = token_kwargs(bits, parser)
    if bits or not set(options) <= allowed:
        raise template.TemplateSyntaxError(f"Options are {', '.join(sorted(allowed))}")
    return options


@register.tag("summary_list")
def summary_list(parser, token):
    """``{% summary_list classes="nhsuk-summary-list--no-border" id="…" %}…{% endsummary_list %}``"""
    bits = token.split_contents()[1:]
    options = _options(parser, bits, {"classes", "id"})
    nodelist = parser.parse(("endsummary_list",))
    parser.delete_first_token()
    return SummaryListNode(nodelist, options)


@register.tag("summary_row")
def summary_row(parser, token):
    """``{% summary_row "Key" action_url=url action_hidden="the status" id="…" %}value{% endsummary_row %}``"""
    bits = token.split_contents()[1:]
    key = None
    if bits and "=" not in bits[0]:
        key = parser.compile_filter(bits.pop(0))
    options = _options(parser, bits, _ROW_OPTIONS)
    if key is None:
        # A key with markup of its own: {% summary_row %}key{% summary_value %}value{% endsummary_row %}
        key = parser.parse(("summary_value",))
        parser.delete_first_token()
    nodelist = parser.parse(("endsummary_row",))
    parser.delete_first_token()
    return SummaryRowNode(key, nodelist, options)
