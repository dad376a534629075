"""The scoping lint refuses views that reach personal data other than through visible_to()."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("lint", ROOT / "scripts" / "lint_model_usage_in_views.py")
lint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint)

MODELS = {"ServiceUser", "CrisisPlan"}


@pytest.mark.parametrize(
    "source",
    [
        "ServiceUser.objects.get(pk=pk)",
        "CrisisPlan.objects.filter(person=p).first()",
        "qs = ServiceUser._default_manager.all()",
        "get_object_or_404(ServiceUser, pk=pk)",
        "shortcuts.get_list_or_404(CrisisPlan, team=t)",
        "ServiceUser.objects.all().visible_to(user)",
    ],
)
def test_unscoped_reads_are_refused(source):
    problems = lint.check_source(source, "careplans/views.py", MODELS)

    assert len(problems) == 1
    assert problems[0].startswith("careplans/views.py:1:")


@pytest.mark.parametrize(
    "source",
    [
        "ServiceUser.objects.visible_to(request.user).get(pk=pk)",
        "get_visible_or_404(ServiceUser.objects.visible_to(user), pk=pk)",
        "Team.objects.get(slug=slug)",  # not personal data
        "selectors.service_user_detail(user=request.user, pk=pk)",
    ],
)
def test_scoped_reads_pass(source):
    assert lint.check_source(source, "careplans/views.py", MODELS) == []


def test_only_view_modules_are_checked(tmp_path):
    for name in ["views.py", "views/plans.py", "plan_views.py", "selectors.py", "tests/views.py"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")

    found = {str(p.relative_to(tmp_path)) for p in lint.view_modules([tmp_path])}

    assert found == {"views.py", "views/plans.py", "plan_views.py"}


def test_audit_trail_is_registered_as_personal_data():
    assert "AuditEvent" in lint.personal_data_models()


def test_the_project_passes_and_a_violation_fails_the_command(tmp_path):
    ok = subprocess.run(
        [sys.executable, str(ROOT / "scripts/lint_model_usage_in_views.py")], capture_output=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr

    bad = tmp_path / "views.py"
    bad.write_text(
        "from recovery_portal.models import AuditEvent\n\ndef v(r):\n    return AuditEvent.objects.all()\n"
    )
    refused = subprocess.run(
        [sys.executable, str(ROOT / "scripts/lint_model_usage_in_views.py"), str(bad)],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert "views.py:4: AuditEvent.objects used directly" in refused.stdout
