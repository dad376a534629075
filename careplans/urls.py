from django.urls import path

from .views import documents, messages, people, plans, versions

app_name = "careplans"

urlpatterns = [
    path("", people.caseload, name="caseload"),
    path("new/", people.person_new, name="person-new"),
    path("known/", people.person_known, name="person-known"),
    path("my-plans/", people.my_plans, name="my-plans"),
    path("<int:pk>/", people.person_detail, name="person"),
    path("<int:pk>/viewed/", people.who_viewed, name="who-viewed"),
    path("<int:pk>/messages/", messages.person_messages, name="person-messages"),
    path("<int:pk>/supporters/new/", people.supporter_new, name="supporter-new"),
    path("<int:pk>/plans/<slug:kind>/start/", plans.plan_start, name="plan-start"),
    path("caseload/<int:pk>/end/", people.caseload_end, name="caseload-end"),
    path("supporters/<int:pk>/sharing/", people.supporter_sharing, name="supporter-sharing"),
    path("shared/<int:pk>/", people.shared_with_me, name="shared"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/details/", plans.plan_details, name="plan-details"),
    path("plans/<int:pk>/agree/", plans.plan_agree, name="plan-agree"),
    path("plans/<int:pk>/sections/<slug:section>/add/", plans.entry_add, name="entry-add"),
    path("plans/<int:pk>/history/", versions.plan_history, name="plan-history"),
    path("plans/<int:pk>/history/<int:number>/", versions.plan_version, name="plan-version"),
    path("plans/<int:pk>/compare/", versions.plan_compare, name="plan-compare"),
    path("plans/<int:pk>/pdf/", versions.plan_pdf, name="plan-pdf"),
    path("plans/<int:pk>/documents/new/", documents.document_add, name="document-add"),
    path("documents/<int:pk>/", documents.document_download, name="document"),
    path("entries/<int:pk>/", plans.entry_change, name="entry-change"),
    path("entries/<int:pk>/remove/", plans.entry_remove, name="entry-remove"),
    path("entries/<int:pk>/disagree/", plans.entry_disagree, name="entry-disagree"),
]
