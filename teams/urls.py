from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_directory, name="directory"),
    path("recovery-plans/coverage/", views.plan_coverage, name="coverage"),
    path("recovery-plans/<int:pk>/", views.plan_detail, name="plan"),
    path(
        "recovery-plans/<int:pk>/resources/",
        views.plan_section,
        {"section": "resources"},
        name="plan-resources",
    ),
    path(
        "recovery-plans/<int:pk>/away-day/", views.plan_section, {"section": "away_day"}, name="plan-away-day"
    ),
    path(
        "recovery-plans/<int:pk>/reflection/",
        views.plan_section,
        {"section": "reflection"},
        name="plan-reflection",
    ),
    path("recovery-plans/<int:pk>/ratings/", views.plan_ratings, name="plan-ratings"),
    path("recovery-plans/<int:pk>/priorities/add/", views.priority_add, name="plan-priority-add"),
    path("recovery-plans/<int:pk>/agree/", views.plan_agree, name="plan-agree"),
    path("recovery-plans/<int:pk>/review/", views.plan_review, name="plan-review"),
    path("recovery-plans/<int:pk>/history/", views.plan_history, name="plan-history"),
    path("recovery-plans/<int:pk>/print/", views.plan_print, name="plan-print"),
    path("recovery-plans/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
    path("priorities/<int:pk>/", views.priority_edit, name="priority-edit"),
    path("priorities/<int:pk>/actions/add/", views.action_add, name="action-add"),
    path("actions/<int:pk>/", views.action_edit, name="action-edit"),
    path("triangle-of-care/<int:year>/", views.triangle_of_care_trust, name="triangle-of-care-trust"),
    path("<slug:slug>/", views.team_detail, name="detail"),
    path("<slug:slug>/recovery-plans/start/", views.plan_start, name="plan-start"),
    path("<slug:slug>/triangle-of-care/<int:year>/", views.triangle_of_care, name="triangle-of-care"),
]
