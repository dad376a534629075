from django.shortcuts import render

from ..access import PersonalData
from ..audit import audit_list, subjects_of
from ..home import panels_for


def _shown(panels):
    """The personal-data records the panels show (the person's own record, whom a supporter supports,
    a student's places), found in their contexts."""
    for panel in panels:
        for value in panel.values():
            for item in value if isinstance(value, list | tuple) else [value]:
                if isinstance(item, PersonalData):
                    yield item


def home(request):
    """Each person's start page: the panels of every role they hold."""
    panels = panels_for(request.user)
    shown = list(_shown(panels))
    if shown:
        audit_list(request, subjects=[key for item in shown for key in subjects_of(item)], reason="home page")
    return render(request, "home.html", {"panels": panels})
