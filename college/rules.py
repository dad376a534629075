"""Who may do what in the Recovery College (django-rules, loaded by AutodiscoverRulesConfig).

The prospectus is public. Students manage their own enrolments and learning plan; trainers take the
registers of their own runs; personal tutors work on their tutees' plans; the college team manages all.
"""

import rules

from recovery_portal.rules import is_college_team


@rules.predicate
def is_run_trainer(user, run) -> bool:
    if run is None or not user.is_authenticated:
        return False
    return run.trainers.filter(user=user).exists()


@rules.predicate
def is_own_enrolment(user, enrolment) -> bool:
    return enrolment is not None and user.is_authenticated and enrolment.student.user_id == user.pk


@rules.predicate
def is_own_plan(user, plan) -> bool:
    return plan is not None and user.is_authenticated and plan.student.user_id == user.pk


@rules.predicate
def tutors_on_a_course(user) -> bool:
    """Trains on any run, or is anyone's personal tutor: has students whose learning plans to follow."""
    if not (user.is_authenticated and user.is_active):
        return False
    from .models import CourseRunTrainer, LearningPlan

    return (
        CourseRunTrainer.objects.filter(user=user).exists()
        or LearningPlan.objects.filter(personal_tutor=user).exists()
    )


@rules.predicate
def is_personal_tutor(user, plan) -> bool:
    return plan is not None and user.is_authenticated and plan.personal_tutor_id == user.pk


rules.add_perm("college.manage_college", is_college_team)
rules.add_perm("college.view_dashboard", is_college_team)
rules.add_perm("college.rate_fidelity", is_college_team)
rules.add_perm("college.publish_run", is_college_team)
rules.add_perm("college.view_run_students", is_college_team | is_run_trainer)
rules.add_perm("college.take_register", is_college_team | is_run_trainer)
rules.add_perm("college.change_enrolment", is_college_team | is_own_enrolment)
rules.add_perm("college.give_feedback", is_own_enrolment)
rules.add_perm("college.download_certificate", is_college_team | is_own_enrolment)
rules.add_perm("college.change_learning_plan", is_college_team | is_own_plan | is_personal_tutor)
rules.add_perm("college.choose_personal_tutor", is_college_team)
# The list of learning plans: the college team sees every student's, a tutor only their own students'.
rules.add_perm("college.view_learning_plan_list", is_college_team | tutors_on_a_course)
