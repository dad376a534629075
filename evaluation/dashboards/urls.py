from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.trust, name="trust"),
    path("csv/<slug:table>/", views.trust_csv, name="trust-csv"),
    path("steering-groups/<slug:slug>/", views.steering_group, name="steering-group"),
    path(
        "steering-groups/<slug:slug>/csv/<slug:table>/", views.steering_group_csv, name="steering-group-csv"
    ),
    path("divisions/<slug:slug>/", views.division, name="division"),
    path("divisions/<slug:slug>/csv/<slug:table>/", views.division_csv, name="division-csv"),
    path("teams/<slug:slug>/", views.team, name="team"),
    path("teams/<slug:slug>/csv/<slug:table>/", views.team_csv, name="team-csv"),
]
