"""PDFs rendered by WeasyPrint from the same templates as the pages, with the print stylesheet.

WeasyPrint may fetch only the portal's own static files: text people typed can never make it read
local files or reach the network (SSRF).
"""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

# Documents are rendered as if served from this origin; only its static files can be fetched.
PDF_ORIGIN = "https://recovery-portal.invalid"


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = PDF_ORIGIN + settings.STATIC_URL
            if not url.startswith(prefix):
                raise ValueError(f"Only the portal's static files may be used in a PDF, not {url[:80]}")
            path = finders.find(url[len(prefix) :].split("?")[0])
            if not path:
                raise ValueError(f"No static file {url}")
            # WeasyPrint applies a stylesheet only when it is served as text/css.
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            with open(path, "rb") as handle:
                return URLFetcherResponse(url, handle.read(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher()


def render_pdf(template: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """A tagged (PDF/UA) document from ``template``; the template extends ``pdf/base.html``."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=PDF_ORIGIN + "/", url_fetcher=_static_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def pdf_response(pdf: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename) or "document"}.pdf"'
    return response
