"""Write transactions: one for a whole request that fails as a whole, one for each write.

Rules:

* `all_or_nothing()` is a transaction that its holder rolls back whole when anything in it
  fails, and in which nothing runs after a failure (a GraphQL mutation request of one field:
  autofocus.graphql).
* `write()` is the transaction of one write (the services that lock a row and change it).
  Inside `all_or_nothing()` the write makes no savepoint of its own: a failure inside it marks
  the whole transaction for rollback (or the savepoint of a caller in between, such as
  `focus.actions.action_once`, which rolls back to it), and the SAVEPOINT and RELEASE round
  trips, the second of them made while the write still holds its row lock, are not made.
  Anywhere else (no transaction, or only a caller's own `transaction.atomic()`) it is
  `transaction.atomic()`: its own transaction, or a savepoint that a caller can roll back to
  and go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_whole: ContextVar[bool] = ContextVar("autofocus_all_or_nothing", default=False)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """A transaction rolled back whole on any failure inside it (see the module's rules)."""
    with transaction.atomic():
        token = _whole.set(True)
        try:
            yield
        finally:
            _whole.reset(token)


def write() -> transaction.Atomic:
    """The transaction of one write (see the module's rules)."""
    return transaction.atomic(savepoint=not _whole.get())
