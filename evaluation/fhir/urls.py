from django.urls import path

from . import views

app_name = "fhir"

urlpatterns = [
    path("", views.transaction, name="base"),
    path("metadata", views.metadata, name="metadata"),
    path(".well-known/smart-configuration", views.smart_configuration, name="smart-configuration"),
    path("token", views.token, name="token"),
    path("$export", views.export_kickoff, name="export"),
    path("$export-status/<int:export_id>", views.export_status, name="export-status"),
    path("$export-file/<int:export_id>/<str:resource_type>.ndjson", views.export_file, name="export-file"),
    path("Questionnaire", views.questionnaire_search, name="questionnaires"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire"),
    path("QuestionnaireResponse", views.questionnaire_response_list, name="questionnaire-responses"),
    path(
        "QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire-response",
    ),
    path("Observation", views.observation_search, name="observations"),
    path("Observation/<str:resource_id>", views.observation_read, name="observation"),
]
