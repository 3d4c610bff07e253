"""``{% crispy_blank form %}``: ``{% crispy form %}``, with a blank household form's HTML kept per process.

crispy-forms renders every field through several templates; for the household form that is most of
the screening and recording pages' CPU. A *blank* form is the same HTML for everyone in a language,
so it is rendered once per process and key (``intake.forms.blank_form_key``) and reused. A form
with anything a client answered has no key and is rendered as ``{% crispy %}`` always did: nothing
personal is ever kept. The HTML holds no CSRF token (the helper's ``disable_csrf``; checked below).
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode, do_uni_form
from django import template

from intake.forms import blank_form_key

register = template.Library()

# Languages × form classes × tax-year settings: a handful of entries. The bound keeps a process
# that sees many settings (the test suite) from growing without end.
MAX_ENTRIES = 64
_blank_html: dict[tuple, str] = {}


def forget_blank_forms() -> None:
    _blank_html.clear()


class BlankFormCachingNode(CrispyFormNode):
    def render(self, context):
        try:
            form = template.Variable(self.form).resolve(context)
        except template.VariableDoesNotExist:
            return super().render(context)
        key = blank_form_key(form)
        if key is None:
            return super().render(context)
        html = _blank_html.get(key)
        if html is None:
            html = super().render(context)
            if "csrfmiddlewaretoken" not in html:
                if len(_blank_html) >= MAX_ENTRIES:
                    _blank_html.clear()
                _blank_html[key] = html
        return html


@register.tag(name="crispy_blank")
def crispy_blank(parser, token):
    """Same arguments as ``{% crispy %}``."""
    node = do_uni_form(parser, token)
    return BlankFormCachingNode(node.form, node.helper, template_pack=node.template_pack)
