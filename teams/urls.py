from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_directory, name="directory"),
    path("<slug:slug>/", views.team_detail, name="detail"),
]
