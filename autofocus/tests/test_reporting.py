from autofocus.reporting import rollbar_payload_handler, scrub_text


def test_login_tokens_and_short_codes_are_masked_everywhere():
    payload = {
        "data": {
            "request": {
                "url": "https://af.example.com/login?sesame=AbC123-_x&next=/",
                "body": "sesame=SECRETTOKEN&csrfmiddlewaretoken=x",
            },
            "body": {"message": {"body": "failed for https://af.example.com/s/Zx9_-aQ12"}},
            "items": [{"path": "/s/abcDEF123"}],
        }
    }
    scrubbed = rollbar_payload_handler(payload)
    text = str(scrubbed)
    for secret in ("AbC123-_x", "SECRETTOKEN", "Zx9_-aQ12", "abcDEF123"):
        assert secret not in text
    assert (
        scrubbed["data"]["request"]["url"] == "https://af.example.com/login?sesame=********&next=/"
    )


def test_ordinary_text_is_untouched():
    assert scrub_text("/graphql?query=x") == "/graphql?query=x"


def _failure(where: str) -> RuntimeError:
    try:
        if where == "a":
            raise RuntimeError("database down")
        raise RuntimeError("database down")
    except RuntimeError as error:
        return error


def test_a_burst_of_one_failure_is_reported_once_a_minute_with_a_count():
    from autofocus.reporting import ReportThrottle

    now = [1000.0]
    throttle = ReportThrottle(interval=60, clock=lambda: now[0])
    assert throttle.admit(_failure("a")) == 1
    for _ in range(41):
        now[0] += 1
        assert throttle.admit(_failure("a")) is None
    now[0] += 20  # a minute after the first report
    assert throttle.admit(_failure("a")) == 42  # this one and the 41 kept quiet


def test_different_failures_are_throttled_separately():
    from autofocus.reporting import ReportThrottle

    throttle = ReportThrottle(interval=60, clock=lambda: 0.0)
    assert throttle.admit(_failure("a")) == 1
    assert throttle.admit(_failure("b")) == 1
    assert throttle.admit(_failure("b")) is None
