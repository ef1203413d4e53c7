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
