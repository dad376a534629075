from django.urls import path

from . import views

app_name = "measure_imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.<slug:kind>", views.template, name="template"),
    path("history/", views.history, name="history"),
    path("<int:pk>/", views.detail, name="detail"),
    path("files/<slug:sha256>/checking/", views.checking, name="checking"),
    path("files/<slug:sha256>/problems/", views.problems, name="problems"),
    path("files/<slug:sha256>/problems.csv", views.problems_csv, name="problems-csv"),
    path("files/<slug:sha256>/preview/", views.preview, name="preview"),
    path("files/<slug:sha256>/import/", views.confirm, name="confirm"),
    path("files/<slug:sha256>/discard/", views.discard, name="discard"),
]
