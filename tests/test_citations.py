"""Docstrings, comments and documents cite only what is in the repository:
the domain description is doc/domain.md, cited by section
("doc/domain.md, Screening"), never a file outside the repository."""

import os
import re
from pathlib import Path

from conftest import ROOT

SUFFIXES = {".py", ".xml", ".js", ".md", ".rst"}
DOMAIN_DOC = ROOT / "doc" / "domain.md"
# Names of files that live outside the repository.
OUTSIDE = re.compile(r"\bDOMAIN\.md\b|\bshared/")
SECTION_CITATION = re.compile(r"doc/domain\.md, ([A-Z][\w /-]*?)(?=[\"'):;.,]|$)")


def _files():
    """Our files, without hidden folders (git, the local database, caches)."""
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and name != "__pycache__"
        )
        for name in sorted(names):
            if os.path.splitext(name)[1] in SUFFIXES:
                yield Path(folder, name)


def _sections():
    text = DOMAIN_DOC.read_text("utf-8")
    return set(re.findall(r"^#+\s+(.*?)\s*$", text, re.MULTILINE))


def test_no_citation_of_files_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, "Cite doc/domain.md and its section instead:\n" + "\n".join(found)


def test_cited_sections_of_the_domain_description_exist():
    sections = _sections()
    unknown = [
        f"{path.relative_to(ROOT)}:{number}: {section!r}"
        for path in _files()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        for section in SECTION_CITATION.findall(line)
        if section not in sections
    ]
    assert not unknown, (
        f"No such section in doc/domain.md ({sorted(sections)}):\n" + "\n".join(unknown)
    )
