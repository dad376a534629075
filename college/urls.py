from django.urls import path

from .views import public, setup, setup_sessions, staff, students

app_name = "college"

urlpatterns = [
    path("", public.prospectus, name="prospectus"),
    path("calendar.ics", public.calendar_feed, name="calendar"),
    path("register/", public.register, name="register-student"),
    path("register/confirm/<str:token>/", public.confirm_email, name="confirm-email"),
    path("courses/<slug:slug>/", public.course_detail, name="course"),
    path("runs/<int:pk>/", public.run_detail, name="run"),
    path("runs/<int:pk>/enrol/", students.enrol, name="enrol"),
    path("runs/<int:pk>/students/", staff.run_students, name="run-students"),
    path("runs/<int:pk>/publish/", staff.run_publish, name="run-publish"),
    path("sessions/<int:pk>/register/", staff.session_register, name="register"),
    path("join/", students.join, name="join"),
    path("my-courses/", students.my_courses, name="my-courses"),
    path("enrolments/<int:pk>/cancel/", students.enrolment_cancel, name="enrolment-cancel"),
    path("enrolments/<int:pk>/withdraw/", students.enrolment_withdraw, name="enrolment-withdraw"),
    path("enrolments/<int:pk>/accept/", students.offer_accept, name="offer-accept"),
    path("enrolments/<int:pk>/certificate/", students.certificate, name="certificate"),
    path("enrolments/<int:pk>/feedback/", students.feedback, name="feedback"),
    path("learning-plans/", staff.learning_plans, name="learning-plans"),
    path("learning-plans/new/", students.learning_plan_start, name="learning-plan-start"),
    path("learning-plans/<int:pk>/", students.learning_plan_detail, name="learning-plan"),
    path("learning-plans/<int:pk>/edit/", students.learning_plan_edit, name="learning-plan-edit"),
    path("dashboard/", staff.dashboard, name="dashboard"),
    path("fidelity/", staff.fidelity, name="fidelity"),
    # Setting up courses, runs, sessions, trainers, terms and venues: the college team.
    path("set-up/courses/", setup.course_list, name="setup-courses"),
    path("set-up/courses/new/", setup.course_create, name="setup-course-new"),
    path("set-up/courses/<int:pk>/", setup.course_edit, name="setup-course"),
    path("set-up/courses/<int:pk>/runs/new/", setup.run_create, name="setup-run-new"),
    path("set-up/runs/<int:pk>/", setup.run_edit, name="setup-run"),
    path("set-up/runs/<int:pk>/sessions/", setup_sessions.run_sessions, name="setup-sessions"),
    path(
        "set-up/runs/<int:pk>/sessions/weekly/",
        setup_sessions.run_sessions_weekly,
        name="setup-sessions-weekly",
    ),
    path("set-up/sessions/<int:pk>/", setup_sessions.session_edit, name="setup-session"),
    path("set-up/sessions/<int:pk>/remove/", setup_sessions.session_remove, name="setup-session-remove"),
    path("set-up/runs/<int:pk>/trainers/", setup_sessions.run_trainers, name="setup-trainers"),
    path("set-up/trainers/<int:pk>/remove/", setup_sessions.trainer_remove, name="setup-trainer-remove"),
    path("set-up/terms/", setup.term_list, name="setup-terms"),
    path("set-up/terms/new/", setup.term_create, name="setup-term-new"),
    path("set-up/terms/<int:pk>/", setup.term_edit, name="setup-term"),
    path("set-up/venues/", setup.venue_list, name="setup-venues"),
    path("set-up/venues/new/", setup.venue_create, name="setup-venue-new"),
    path("set-up/venues/<int:pk>/", setup.venue_edit, name="setup-venue"),
]
