"""GitHub Actions workflows are schema-valid and publish the site to Pages.

Runs offline: check-jsonschema's ``vendor.github-workflows`` schema ships
inside the package, so no network access is needed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
SITE_WORKFLOW = WORKFLOW_DIR / "site.yml"


def run_check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load_workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    # PyYAML follows YAML 1.1, where a bare `on` key parses as boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith(action + "@")]


def effective_permissions(workflow: dict, job: dict) -> dict:
    # Job-level permissions replace workflow-level ones entirely.
    perms = job["permissions"] if "permissions" in job else workflow.get("permissions", {})
    assert isinstance(perms, dict), f"permissions must be a mapping, got {perms!r}"
    return perms


def test_workflows_exist() -> None:
    assert SITE_WORKFLOW in WORKFLOWS, f"missing {SITE_WORKFLOW}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(path: Path) -> None:
    result = run_check_jsonschema(path)
    assert result.returncode == 0, (
        f"check-jsonschema rejected {path.relative_to(REPO)} "
        f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )


BROKEN_WORKFLOWS = {
    "job-missing-runs-on-and-steps": "on: pull_request\njobs:\n  build:\n    name: broken\n",
    "step-not-a-list": (
        "on: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: make test\n"
    ),
}


@pytest.mark.parametrize("text", BROKEN_WORKFLOWS.values(), ids=BROKEN_WORKFLOWS.keys())
def test_validator_rejects_broken_workflow(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(text, encoding="utf-8")
    result = run_check_jsonschema(path)
    assert result.returncode != 0, (
        f"check-jsonschema accepted a broken workflow:\n{text}\n{result.stdout}\n{result.stderr}"
    )


def test_site_workflow_triggers() -> None:
    wf = load_workflow(SITE_WORKFLOW)
    on = wf["on"]
    assert "pull_request" in on
    assert "workflow_dispatch" in on
    assert "main" in on["push"]["branches"]


def test_site_workflow_pr_job_runs_tests_then_strict_build() -> None:
    wf = load_workflow(SITE_WORKFLOW)
    job = wf["jobs"]["test"]
    runs = [s["run"].strip() for s in job["steps"] if "run" in s]
    assert runs.index("make test") < runs.index("make site"), runs
    assert steps_using(job, "actions/checkout")
    setup = steps_using(job, "actions/setup-python")
    assert setup and str(setup[0]["with"]["python-version"]) == "3.11"


def test_site_workflow_builds_uploads_and_deploys_pages() -> None:
    wf = load_workflow(SITE_WORKFLOW)
    jobs = wf["jobs"]

    build_jobs = [j for j in jobs.values() if steps_using(j, "actions/upload-pages-artifact")]
    assert len(build_jobs) == 1, "exactly one job must upload the Pages artifact"
    build = build_jobs[0]
    upload = steps_using(build, "actions/upload-pages-artifact")[0]
    assert upload["uses"] == "actions/upload-pages-artifact@v3"
    assert upload["with"]["path"].rstrip("/") == "site"
    runs = [s["run"].strip() for s in build["steps"] if "run" in s]
    assert "make site" in runs
    build_steps = build["steps"]
    assert build_steps.index(upload) > max(
        i for i, s in enumerate(build_steps) if s.get("run", "").strip() == "make site"
    ), "the artifact must be uploaded after the site is built"

    deploy_name, deploy = next(
        (name, j) for name, j in jobs.items() if steps_using(j, "actions/deploy-pages")
    )
    deploy_step = steps_using(deploy, "actions/deploy-pages")[0]
    assert deploy_step["uses"] == "actions/deploy-pages@v4"
    assert deploy_step["id"] == "deployment"
    build_name = next(name for name, j in jobs.items() if j is build)
    needs = deploy.get("needs", [])
    assert build_name in ([needs] if isinstance(needs, str) else needs), deploy_name

    env = deploy["environment"]
    assert env["name"] == "github-pages"
    assert env["url"] == "${{ steps.deployment.outputs.page_url }}"

    perms = effective_permissions(wf, deploy)
    assert perms.get("pages") == "write", perms
    assert perms.get("id-token") == "write", perms
    assert perms.get("contents") == "read", perms

    concurrency = deploy.get("concurrency") or wf.get("concurrency")
    assert concurrency and "pages" in str(concurrency["group"])


def test_site_workflow_never_deploys_from_pull_requests() -> None:
    wf = load_workflow(SITE_WORKFLOW)
    for name, job in wf["jobs"].items():
        if steps_using(job, "actions/upload-pages-artifact"):
            assert job.get("if") == "github.event_name != 'pull_request'", name
