"""The session engine (settings.SESSION_ENGINE): Django's database sessions, each row also
naming the signed-in account (`UserSession.user`), so an account's sessions go with it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]):
        session = super().create_model_instance(data)
        session.user_id = data.get(SESSION_KEY) or None  # type: ignore[attr-defined]
        return session


def session_key_for(user: Any) -> str:
    """A new session signed in as `user`, for tools that drive a browser without the sign-in
    flow (benchmarks, screenshots); its key is the `sessionid` cookie's value."""
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return session.session_key
