from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.run_list, name="list"),
    path("annual/start/", views.run_start, name="start"),
    path("annual/<int:pk>/", views.run_detail, name="run"),
    path("annual/<int:pk>/restart/", views.run_restart, name="run-restart"),
    path("annual/<int:pk>/report.html", views.run_download_html, name="run-html"),
    path("annual/<int:pk>/report.pdf", views.run_download_pdf, name="run-pdf"),
    path("teams/<slug:slug>/<int:year>/", views.team_report, name="team"),
    path("teams/<slug:slug>/<int:year>/pdf/", views.team_report_pdf, name="team-pdf"),
]
