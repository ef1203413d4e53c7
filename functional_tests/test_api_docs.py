"""Story: Ann follows docs/api.md from a terminal. Every example there runs as written against
the live server (curl itself, the Python script), and every GraphQL example fits the schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse, validate

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
EXAMPLE = ROOT / "docs" / "examples" / "add_task.py"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC.read_text()) if lang == language]


def run_shell(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    # The reader sets these two by hand; the test sets them to the live server and a token.
    lines = [line for line in script.splitlines() if not line.startswith("export AUTOFOCUS_")]
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(lines)],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def ann_with_token(make_user):
    from accounts.services import api_token_create

    ann = make_user("ann@example.com")
    return ann, api_token_create(user=ann, name="terminal", scope="write").token


def test_the_python_example_in_the_doc_is_the_file_the_test_runs():
    assert EXAMPLE.read_text() in blocks("python")


def test_every_graphql_example_fits_the_schema_and_every_operation_has_one():
    from autofocus.schema import schema

    graphql_schema = schema.graphql_schema
    used: set[str] = set()
    for text in blocks("graphql"):
        document = parse(text)
        assert validate(graphql_schema, document) == [], text
        for definition in document.definitions:
            assert isinstance(definition, OperationDefinitionNode), text
            used |= {
                selection.name.value
                for selection in definition.selection_set.selections
                if isinstance(selection, FieldNode)
            }
    every = set(graphql_schema.query_type.fields) | set(graphql_schema.mutation_type.fields)
    assert every - used == set(), "operations without an example in docs/api.md"


def test_the_curl_examples_work_as_written(site, ann_with_token, tmp_path):
    from focus.models import Item

    assert shutil.which("curl"), "curl is needed to run the documented examples"
    ann, token = ann_with_token
    env = {"AUTOFOCUS_URL": site.url, "AUTOFOCUS_TOKEN": token}
    curls = [script for script in blocks("sh") if script.lstrip().startswith(("export", "curl"))]
    assert len(curls) == 3

    first = run_shell(curls[0], env, tmp_path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {
        "data": {"user": {"email": "ann@example.com", "page": 1, "pages": 1, "pageSize": 25}}
    }

    add = run_shell(curls[1], env, tmp_path)
    assert add.returncode == 0, add.stderr
    item = json.loads(add.stdout)["data"]["createItem"]["item"]
    assert item["page"] == 1
    assert Item.objects.get(pk=item["id"], user=ann).text == "Buy milk"

    download = run_shell(curls[2], {"AUTOFOCUS_URL": site.url}, tmp_path)
    assert download.returncode == 0, download.stderr
    assert (tmp_path / "schema.graphql").read_bytes() == (ROOT / "schema.graphql").read_bytes()


def test_the_python_script_adds_a_task_and_prints_the_working_page(site, ann_with_token):
    from focus.services import item_complete, item_create

    ann, token = ann_with_token
    item_complete(user=ann, item_id=item_create(user=ann, text="Renew the passport").pk)
    item_create(user=ann, text="Book the dentist")
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), "Call", "the", "dentist"],
        env={**os.environ, "AUTOFOCUS_URL": site.url, "AUTOFOCUS_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    documented_output = [body for lang, body in BLOCK.findall(DOC.read_text()) if lang == ""][-1]
    assert run.stdout == documented_output

    # The documented usage line, as a reader would type it.
    [usage] = [s for s in blocks("sh") if "add_task.py" in s]
    usage = usage.replace(
        "AUTOFOCUS_URL=https://autofocus.example.com", f"AUTOFOCUS_URL={site.url}"
    )
    usage = usage.replace("AUTOFOCUS_TOKEN=af_...", f"AUTOFOCUS_TOKEN={token}")
    again = run_shell(usage, {}, ROOT)
    assert again.returncode == 0, again.stderr
    assert "Added on page 1 (line 4)." in again.stdout


def test_the_python_script_says_why_a_revoked_token_fails(site, ann_with_token):
    from accounts.models import ApiToken
    from accounts.services import api_token_revoke

    ann, token = ann_with_token
    api_token_revoke(user=ann, token_id=ApiToken.objects.get(user=ann).pk)
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), "Never added"],
        env={**os.environ, "AUTOFOCUS_URL": site.url, "AUTOFOCUS_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("UNAUTHENTICATED: This API token is not valid")
