import threading
import time

import pytest

from autofocus.sqlite.base import WriteQueue


def test_writers_get_their_turn_in_the_order_they_came():
    queue = WriteQueue()
    assert queue.acquire(timeout=1)
    order: list[int] = []

    def writer(n: int) -> None:
        assert queue.acquire(timeout=5)
        order.append(n)
        queue.release()

    threads = []
    for n in range(5):
        thread = threading.Thread(target=writer, args=(n,))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # each one is waiting before the next arrives
    queue.release()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_a_writer_that_waits_too_long_goes_ahead_and_leaves_the_queue():
    queue = WriteQueue()
    assert queue.acquire(timeout=1)
    assert not queue.acquire(timeout=0.05)
    queue.release()
    # Nobody is left waiting: the next writer gets the lock at once.
    assert queue.acquire(timeout=0)


def test_the_file_lock_waits_for_another_process_and_gives_up_after_the_timeout(tmp_path):
    import fcntl
    import os

    from autofocus.sqlite.base import ProcessLock

    path = str(tmp_path / "db.sqlite3-writer.lock")
    lock = ProcessLock(path)
    other = os.open(path, os.O_RDWR)  # another open file: another process, to flock
    fcntl.flock(other, fcntl.LOCK_EX)
    assert not lock.acquire(timeout=0.05)  # held elsewhere: gives up
    threading.Timer(0.2, fcntl.flock, (other, fcntl.LOCK_UN)).start()
    started = time.monotonic()
    assert lock.acquire(timeout=5)  # woken as soon as the other one lets go
    assert 0.1 < time.monotonic() - started < 2
    with pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    lock.release()
    fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    os.close(other)


def test_each_database_file_has_one_lock_file_and_a_memory_database_none(tmp_path):
    from autofocus.sqlite.base import process_lock

    database = str(tmp_path / "db.sqlite3")
    assert process_lock(database) is process_lock(database)
    assert process_lock(database).path == database + "-writer.lock"
    assert process_lock(":memory:") is None
    assert process_lock("file:memorydb_default?mode=memory&cache=shared") is None
