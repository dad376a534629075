from django.urls import path

from . import views

app_name = "workstreams"

urlpatterns = [
    path("", views.workstream_list, name="list"),
]
