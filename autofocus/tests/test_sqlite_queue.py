import threading
import time

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
