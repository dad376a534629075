from django.shortcuts import render

from ..home import panels_for


def home(request):
    """Each person's start page: the panels of every role they hold."""
    return render(request, "home.html", {"panels": panels_for(request.user)})
