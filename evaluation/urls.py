from django.urls import path

from .views import comments, feedback, index, mhsds, people

app_name = "measures"

urlpatterns = [
    path("", index.index, name="index"),
    path("mine/", people.my_measures, name="mine"),
    path("people/<int:pk>/", people.person_measures, name="person"),
    path("people/<int:pk>/<slug:code>/new/", people.return_new, name="return-new"),
    path("returns/<int:pk>/", people.return_detail, name="return"),
    path("teams/<slug:slug>/feedback/", feedback.feedback_new, name="feedback-new"),
    path("mhsds-extract/", mhsds.mhsds_extract, name="mhsds-extract"),
    path("teams/<slug:slug>/comments/", comments.team_comments, name="team-comments"),
    path("teams/<slug:slug>/comments/<int:pk>/flag/", comments.comment_flag, name="comment-flag"),
    path("teams/<slug:slug>/comments/<int:pk>/review/", comments.comment_review, name="comment-review"),
]
