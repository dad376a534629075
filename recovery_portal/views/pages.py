from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def accessibility_statement(request):
    return render(request, "pages/accessibility.html")


@login_not_required
def privacy_notice(request):
    return render(request, "pages/privacy.html")
