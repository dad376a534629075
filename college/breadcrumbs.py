"""Where each Recovery College page sits, for its breadcrumbs (recovery_portal.breadcrumbs).

A student reaches their learning plan from "Your courses"; a tutor or the college team from the
learning plans they look after. A run's registers sit under the run's students page, the staff page of
the run, not under the public page of the run.
"""

from recovery_portal.breadcrumbs import by_viewer, page

# The set-up pages of one run; the record is the run, and each sits under the run's course.
RUN_SETUP_PAGES = ("setup-run", "setup-sessions", "setup-sessions-weekly", "setup-session", "setup-trainers")


def _learning_plan_parent(user, plan) -> str:
    return "college:my-courses" if plan.student.user_id == user.pk else "college:learning-plans"


def register() -> None:
    page("college:prospectus", "Recovery College")
    page("college:course", lambda course: course.title, parent="college:prospectus",
         args=lambda course: [course.slug])  # fmt: skip
    page("college:run", lambda run: run.course.title, parent="college:course", up=lambda run: run.course,
         args=lambda run: [run.pk])  # fmt: skip
    for name, label in (
        ("register-student", "Register"), ("confirm-email", "Confirm your email address"), ("join", "Join"),
        ("my-courses", "Your courses"), ("dashboard", "College dashboard"), ("learning-plans", "Learning plans"),
        ("setup-courses", "Set up courses"),
    ):  # fmt: skip
        page(f"college:{name}", label, parent="college:prospectus")
    # Students' own pages; the record of feedback is the enrolment.
    page("college:feedback", "Feedback", parent="college:my-courses")
    page("college:learning-plan-start", "Start a learning plan", parent="college:my-courses")
    page("college:learning-plan", "Learning plan", parent=by_viewer(_learning_plan_parent),
         args=lambda plan: [plan.pk])  # fmt: skip
    page("college:learning-plan-edit", "Change the learning plan", parent="college:learning-plan")
    # Trainers and the college team.
    page("college:fidelity", "RECOLLECT fidelity", parent="college:dashboard")
    page("college:run-students", lambda run: run.course.title, parent="college:prospectus",
         args=lambda run: [run.pk])  # fmt: skip
    page("college:register", "Register", parent="college:run-students", up=lambda session: session.run)
    # Setting up courses, runs, terms and venues.
    page("college:setup-course-new", "New course", parent="college:setup-courses")
    page("college:setup-course", lambda course: course.title, parent="college:setup-courses",
         args=lambda course: [course.pk])  # fmt: skip
    page("college:setup-run-new", "New run", parent="college:setup-course")  # record: the course
    for name in RUN_SETUP_PAGES:
        page(f"college:{name}", "Run", parent="college:setup-course", up=lambda run: run.course)
    for thing in ("term", "venue"):
        page(f"college:setup-{thing}s", f"{thing.capitalize()}s", parent="college:setup-courses")
        page(f"college:setup-{thing}-new", f"New {thing}", parent=f"college:setup-{thing}s")
        page(f"college:setup-{thing}", thing.capitalize(), parent=f"college:setup-{thing}s")
