from django.urls import path

from .views import public, staff, students

app_name = "college"

urlpatterns = [
    path("", public.prospectus, name="prospectus"),
    path("calendar.ics", public.calendar_feed, name="calendar"),
    path("register/", public.register, name="register-student"),
    path("courses/<slug:slug>/", public.course_detail, name="course"),
    path("runs/<int:pk>/", public.run_detail, name="run"),
    path("runs/<int:pk>/enrol/", students.enrol, name="enrol"),
    path("runs/<int:pk>/students/", staff.run_students, name="run-students"),
    path("runs/<int:pk>/publish/", staff.run_publish, name="run-publish"),
    path("sessions/<int:pk>/register/", staff.session_register, name="register"),
    path("join/", students.join, name="join"),
    path("my-courses/", students.my_courses, name="my-courses"),
    path("enrolments/<int:pk>/cancel/", students.enrolment_cancel, name="enrolment-cancel"),
    path("enrolments/<int:pk>/accept/", students.offer_accept, name="offer-accept"),
    path("enrolments/<int:pk>/certificate/", students.certificate, name="certificate"),
    path("enrolments/<int:pk>/feedback/", students.feedback, name="feedback"),
    path("learning-plans/new/", students.learning_plan_start, name="learning-plan-start"),
    path("learning-plans/<int:pk>/", students.learning_plan_detail, name="learning-plan"),
    path("learning-plans/<int:pk>/edit/", students.learning_plan_edit, name="learning-plan-edit"),
    path("dashboard/", staff.dashboard, name="dashboard"),
    path("fidelity/", staff.fidelity, name="fidelity"),
]
