import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from autofocus.models import RateCounter
from autofocus.transactions import all_or_nothing, attempt, write

pytestmark = pytest.mark.django_db(transaction=True)


def count(key: str) -> None:
    RateCounter.objects.create(key=key, window=1, expires=1)


def kept() -> list[str]:
    return sorted(RateCounter.objects.values_list("key", flat=True))


def test_a_write_inside_all_or_nothing_makes_no_savepoint():
    with CaptureQueriesContext(connection) as captured, all_or_nothing():
        count("before")
        with write():
            count("written")
    assert not [q["sql"] for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]
    assert kept() == ["before", "written"]


def test_a_failure_inside_a_write_rolls_all_or_nothing_back_whole():
    with pytest.raises(RuntimeError), all_or_nothing():
        count("before")
        with write():
            count("written")
            raise RuntimeError("after the write")
    assert kept() == []


def test_a_write_outside_all_or_nothing_is_its_own_transaction():
    with pytest.raises(RuntimeError), write():
        count("written")
        raise RuntimeError("after the write")
    with write():
        count("next")
    assert kept() == ["next"]


def test_inside_a_callers_atomic_a_failed_write_is_rolled_back_alone():
    # A caller's own transaction.atomic() (not all_or_nothing) can catch the failure and go on.
    with transaction.atomic():
        count("before")
        with pytest.raises(RuntimeError), write():
            count("written")
            raise RuntimeError("after the write")
        count("after")
    assert kept() == ["after", "before"]


def test_a_write_after_all_or_nothing_ended_is_its_own_transaction_again():
    with all_or_nothing():
        count("inside")
    with pytest.raises(RuntimeError), write():
        count("written")
        raise RuntimeError("after the write")
    assert kept() == ["inside"]


def test_inside_all_or_nothing_a_failed_attempt_is_undone_alone_and_never_released():
    with CaptureQueriesContext(connection) as captured, all_or_nothing():
        count("before")
        with pytest.raises(RuntimeError), attempt():
            with write():
                count("written")
                raise RuntimeError("inside the write")
        with attempt():
            count("attempted")
        count("after")
    assert kept() == ["after", "attempted", "before"]
    assert not [q["sql"] for q in captured.captured_queries if q["sql"].startswith("RELEASE")]


def test_an_attempt_that_broke_the_transaction_is_undone_alone():
    # A constraint violation aborts a PostgreSQL transaction; the savepoint recovers it.
    with all_or_nothing():
        count("taken")
        with pytest.raises(IntegrityError), attempt():
            RateCounter.objects.create(key="taken", window=1, expires=1)
        count("after")
    assert kept() == ["after", "taken"]


def test_an_attempt_outside_all_or_nothing_is_its_own_transaction():
    with pytest.raises(RuntimeError), attempt():
        count("attempted")
        raise RuntimeError("after the write")
    assert kept() == []
