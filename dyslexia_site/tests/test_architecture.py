"""Who may import whom: the import-linter contracts in pyproject.toml hold, and they bite."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "speech",
    "lexicon",
    "recommender",
    "accounts",
    "learning",
    "mocktest",
    "rewards",
    "progress",
    "dynamic",
    "chatbot",
    "dyslexia_site",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def copy_of_the_code(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory):
    return copy_of_the_code(tmp_path_factory.mktemp("code"))


def test_the_contracts_hold_on_the_code_as_it_is(clean_copy):
    result = lint_imports(clean_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("speech/judge.py", "import learning.models", "speech and lexicon are plain Python"),
        ("lexicon/text.py", "import accounts.models", "speech and lexicon are plain Python"),
        ("recommender/policy.py", "import learning.models", "recommender is plain Python"),
        ("accounts/forms.py", "import learning.rules", "Apps form layers"),
        ("learning/rules.py", "import learning.actions", "Rules only read"),
        ("learning/actions.py", "import learning.tasks", "Tasks import actions, never the other way round"),
        ("progress/rules.py", "import mocktest.actions", "progress only reads"),
        ("learning/models.py", "import dynamic.models", "Apps form layers"),
        ("dynamic/rules.py", "import dynamic.actions", "Rules only read"),
        ("learning/actions.py", "import rewards.actions", "Apps form layers"),
        ("mocktest/actions.py", "import rewards.rules", "Apps form layers"),
        ("rewards/rules.py", "import rewards.actions", "Rules only read"),
    ],
)
def test_a_deliberate_violation_breaks_its_contract(tmp_path, module, bad_import, contract):
    folder = copy_of_the_code(tmp_path)
    with open(folder / module, "a") as source:
        source.write(f"\n{bad_import}  # a deliberate violation\n")
    result = lint_imports(folder)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(line.startswith(contract) for line in broken), result.stdout
