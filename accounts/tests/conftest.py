import re

import pytest
from django.core import mail

from autofocus.testing import GraphQLClient


@pytest.fixture
def gql(db):
    return GraphQLClient()


def link_in_mail(message) -> str:
    match = re.search(r"(https?://\S+/s/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def outbox():
    return mail.outbox
