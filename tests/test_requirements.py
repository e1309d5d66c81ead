"""Installs are reproducible: the locks name every package, direct or not, at one version with the hashes of its
files, agree with each other and with requirements*.in, say nothing of this machine, and are what setup installs."""

import importlib.metadata
import re
from pathlib import Path

import pytest
from django.conf import settings
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
LOCKS = ["requirements.txt", "requirements-dev.txt"]


def locked(name):
    """{package: version} of a lock, each entry checked to carry hashes."""
    text = (ROOT / name).read_text()
    entries = re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)((?: \\\n\s+--hash=sha256:[0-9a-f]{64})+)", text, re.MULTILINE)
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(entries) == len(requirement_lines), "every requirement of the lock is pinned with its hashes"
    return {canonicalize_name(package): version for package, version, _ in entries}


def direct(name):
    lines = (ROOT / name).read_text().splitlines()
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found |= direct(line[3:].strip())
        elif line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_a_lock_says_nothing_of_the_machine_it_was_made_on(lock):
    text = (ROOT / lock).read_text()
    for machine in ("file://", "--index-url", "--extra-index-url", "--find-links"):
        assert machine not in text, machine
    # No local path either: pip-compile writes one where a package came from a folder on disk.
    assert not re.search(r"(?:^|\s)/[\w.-]+/", text, re.MULTILINE), "a local path"


@pytest.mark.parametrize(("lock", "source"), [("requirements.txt", "requirements.in"),
                                              ("requirements-dev.txt", "requirements-dev.in")])  # fmt: skip
def test_a_lock_holds_every_direct_dependency_at_the_version_asked_for(lock, source):
    versions = locked(lock)
    for name, requirement in direct(source).items():
        assert name in versions, name
        assert requirement.specifier.contains(versions[name], prereleases=True), (name, versions[name])


def test_the_development_lock_has_the_runtime_at_its_locked_versions():
    runtime, development = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {name: development.get(name) for name in runtime} == runtime


@pytest.mark.parametrize("lock", LOCKS)
def test_a_lock_holds_every_dependency_of_what_it_holds(lock):
    """Walked through the installed packages' metadata: nothing is left for pip to resolve on the day."""
    versions = locked(lock)
    environment = default_environment()
    missing = set()
    for name in versions:
        distribution = importlib.metadata.distribution(name)
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate(environment | {"extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in versions:
                missing.add(f"{requirement.name} (for {name})")
    assert not missing


def test_the_installed_packages_are_those_of_the_development_lock():
    versions = locked("requirements-dev.txt")
    for name, version in versions.items():
        assert importlib.metadata.version(name) == version, name


def test_setup_installs_the_lock_with_hashes_and_lock_rewrites_it():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements-dev.txt" in makefile
    assert re.search(r"^lock:", makefile, re.MULTILINE) and "--generate-hashes" in makefile
