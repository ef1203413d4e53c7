"""Story: a visitor opens Autofocus and finds the sign-in form, working (the smoke test the
deploy script runs against production)."""


def test_a_visitor_gets_the_sign_in_form(app):
    app.open("/")

    box = app.textbox("Email")
    assert box.is_enabled()
    assert app.has_button("Sign in")
    assert app.driver.title.endswith("Autofocus")
    # The bundles came from the server's static files, and the app talks to the API.
    answer = app.graphql("{ user { email } }")
    assert answer == {"data": {"user": None}}
