from django.shortcuts import render
from django.urls import reverse
from rules.contrib.views import permission_required

from . import selectors


@permission_required("workstreams.view_workstream", raise_exception=True)
def workstream_list(request):
    """The seven workstreams under their conversation domains, with their leads and ImROC challenges."""
    return render(
        request,
        "workstreams/list.html",
        {
            "domains": selectors.workstream_list_by_domain(),
            "breadcrumbs": [{"label": "Home", "url": reverse("home")}],
        },
    )
