"""Read a page's form the way a browser submits it: every named input with its current value."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_index: int):
        super().__init__(convert_charrefs=True)
        self.form_index, self.seen_forms, self.inside = form_index, -1, False
        self.fields: list[tuple[str, str]] = []
        self.text_fields: list[str] = []
        self.textareas: list[str] = []
        self._textarea = self._select = None
        self._options: list[tuple[str, bool]] = []
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The page's own form posts back to the page (no action); the header's sign-out form does not.
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not attrs.get("action"):
            self.seen_forms += 1
            self.inside = self.seen_forms == self.form_index
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, attrs.get("value") or ""))
                if kind == "text" and name != "csrfmiddlewaretoken":
                    self.text_fields.append(name)
        elif tag == "textarea" and name:
            self._textarea, self._buffer = name, ""
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that may follow <textarea>.
            self.fields.append((self._textarea, self._buffer.removeprefix("\n")))
            self.textareas.append(self._textarea)
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected] or [
                value for value, _ in self._options[:1]
            ]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None


def form_on_page(html: str, index: int = 0) -> tuple[dict[str, list[str]], list[str]]:
    """The ``index``-th form posting back to the page: its submission (name → values) and its free-text fields, textareas first."""
    reader = _FormReader(index)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data, reader.textareas + reader.text_fields
