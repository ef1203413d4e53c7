"""The session engine (settings.SESSION_ENGINE): Django's database sessions, each row also
naming the signed-in account (`UserSession.user`), so an account's sessions go with it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
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
