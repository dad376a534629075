from django.urls import path

from .views import actions, goals, meetings, strategy

app_name = "workstreams"

urlpatterns = [
    path("", strategy.workstream_list, name="list"),
    path("actions/", actions.action_list, name="actions"),
    path("actions/export.csv", actions.action_export, name="action-export"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", actions.progress_update_create, name="progress-update-create"),
    path("progress/<int:pk>/evidence/", actions.progress_evidence, name="progress-evidence"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal-detail"),
    path("goals/<int:pk>/edit/", strategy.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/measurements/new/", goals.goal_measurement_create, name="goal-measurement-create"),
    path("goals/<int:pk>/rating/", goals.goal_rag_edit, name="goal-rag-edit"),
    path("measurements/<int:pk>/edit/", goals.goal_measurement_edit, name="goal-measurement-edit"),
    path("goals/<int:pk>/actions/new/", actions.action_create, name="action-create"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/pack/", meetings.meeting_pack, name="meeting-pack"),
    path("meetings/<int:pk>/pack.pdf", meetings.meeting_pack_pdf, name="meeting-pack-pdf"),
    path("meetings/<int:pk>/follow-ups/new/", meetings.follow_up_create, name="follow-up-create"),
    path("follow-ups/<int:pk>/done/", meetings.follow_up_done, name="follow-up-done"),
    path("steering-groups/<slug:slug>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("<slug:slug>/", strategy.workstream_detail, name="detail"),
    path("<slug:slug>/goals/new/", strategy.goal_create, name="goal-create"),
    path("<slug:slug>/reports/<int:year>/", strategy.annual_report, name="annual-report"),
    path("<slug:slug>/reports/<int:year>/edit/", strategy.annual_report_edit, name="annual-report-edit"),
]
