"""Write transactions: a whole request's, each write's, and the parts a caller undoes alone.

Rules:

* `all_or_nothing()` is a transaction that its holder rolls back whole when anything in it
  fails, and in which nothing runs after a failure but what an `attempt()` around it lets
  its caller do (a GraphQL mutation request of one field: autofocus.graphql).
* `write()` is the transaction of one write (the services that lock a row and change it).
  Inside `all_or_nothing()` the write makes no savepoint of its own: a failure inside it marks
  the whole transaction for rollback (or the savepoint of a caller in between, such as
  `focus.actions.action_once`, which rolls back to it), and the SAVEPOINT and RELEASE round
  trips, the second of them made while the write still holds its row lock, are not made.
  Anywhere else (no transaction, or only a caller's own `transaction.atomic()`) it is
  `transaction.atomic()`: its own transaction, or a savepoint that a caller can roll back to
  and go on.
* `attempt()` is a part of a transaction that a failure inside undoes alone, so that its
  caller can catch the error and go on (`focus.actions.action_once`). Inside
  `all_or_nothing()` it is a savepoint rolled back to on a failure and otherwise never
  released (COMMIT releases it), so no RELEASE round trip is made after the writes inside it
  while they hold their row lock. Anywhere else it is `transaction.atomic()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DatabaseError, transaction

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


@contextmanager
def attempt() -> Iterator[None]:
    """A part of a transaction that a failure inside undoes alone (see the module's rules)."""
    if not _whole.get():
        with transaction.atomic():
            yield
        return
    savepoint = transaction.savepoint()
    try:
        yield
    except BaseException:
        # As transaction.atomic() leaves a failed block with a savepoint: the mark that a write
        # inside left on the whole transaction is lifted, since the savepoint undoes the write.
        transaction.set_rollback(False)
        try:
            transaction.savepoint_rollback(savepoint)
        except DatabaseError:
            transaction.set_rollback(True)  # then the whole transaction goes
        raise
