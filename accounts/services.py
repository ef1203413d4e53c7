"""Account writes: sign-up, login links, validation, API tokens. Keyword-only, typed.

API tokens: at least 128 bits from `secrets` behind the `af_` prefix (secret scanners look for
it); only a SHA-256 hash is stored; at most MAX_API_TOKENS live tokens per account, with
distinct names; `last_used_at` is written at most once a minute per token; a revoked token,
or one of an inactive account, authenticates nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_supported_language_variant
from sesame.utils import get_query_string

from accounts.models import (
    DEFAULT_TIME_ZONE,
    ApiToken,
    ApiTokenScope,
    Language,
    User,
    is_time_zone,
    normalize_email,
)
from accounts.signals import user_deleting, user_signed_up
from autofocus.errors import BadUserInput, Conflict, NotFound, RateLimited
from autofocus.ratelimit import rate_limit_forget, rate_limit_hit
from shortlinks.services import shortlink_create, shortlinks_delete_owned

logger = logging.getLogger(__name__)

RATE_LIMITED_MESSAGE = "Too many sign-in requests. Please wait a little and try again."
_mail_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")


@dataclass(frozen=True)
class SignIn:
    user: User
    created: bool


def language_from_header(accept_language: str | None) -> str:
    """The first of our languages that the browser asks for; English otherwise."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()
        if not code:
            continue
        try:
            variant = get_supported_language_variant(code)
        except LookupError:
            continue
        if variant in Language.values:
            return variant
    return Language.EN


def email_parse(*, email: str) -> str:
    email = normalize_email(email)
    try:
        if len(email) > 254:  # RFC 5321's limit for a whole address
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise BadUserInput("Please enter a valid email address.", field="email") from None
    return email


def time_zone_parse(*, time_zone: str) -> str:
    """An IANA time zone name as given; BAD_USER_INPUT for anything this server does not know."""
    if not is_time_zone(time_zone):
        raise BadUserInput(
            "This time zone is not known. Please pick one from the list.", field="timeZone"
        )
    return time_zone


def user_sign_in_or_up(
    *, email: str, language: str, client_ip: str, time_zone: str | None = None
) -> SignIn:
    """Finds or creates the account for an address, within the rate limits.

    A new account takes the browser's time zone when it is a known one (UTC otherwise: a
    sign-up never fails over it). The caller logs a *new* account in at once and emails a
    login link in both cases.
    """
    email = email_parse(email=email)
    within_ip = rate_limit_hit(scope="login-ip", ident=client_ip, rate=settings.LOGIN_RATE_PER_IP)
    within_email = rate_limit_hit(
        scope="login-email", ident=email, rate=settings.LOGIN_RATE_PER_EMAIL
    )
    if not (within_ip and within_email):
        raise RateLimited(RATE_LIMITED_MESSAGE)
    user = User.objects.filter(pk=email).first()
    if user is not None:
        return SignIn(user=user, created=False)
    language = language if language in Language.values else Language.EN
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                language=language,
                time_zone=time_zone if time_zone and is_time_zone(time_zone) else DEFAULT_TIME_ZONE,
            )
            user_signed_up.send(sender=User, user=user)
    except IntegrityError:  # the same address signed up at the same moment
        return SignIn(user=User.objects.get(pk=email), created=False)
    return SignIn(user=user, created=True)


def login_link_create(*, user: User) -> str:
    """A short link to the login confirmation page; it expires with the login token."""
    target = f"/login{get_query_string(user)}"
    short = shortlink_create(
        target=target, expires_in=timedelta(seconds=settings.SESAME_MAX_AGE), owner=user.pk
    )
    return short.url


def _send(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the request has already been answered
        logger.exception("Could not send the login email")
        if settings.ROLLBAR["enabled"]:
            import rollbar

            rollbar.report_exc_info()


def login_link_send(*, user: User) -> None:
    """Emails a login link (plain text and HTML in the user's language).

    The token is made now (one-time tokens depend on the last login), and the message is
    sent after the transaction commits, off the request thread, so that the answer takes the
    same time whether the address is new or known.
    """
    url = login_link_create(user=user)
    minutes = settings.SESAME_MAX_AGE // 60
    context = {"url": url, "minutes": minutes, "site_url": settings.SITE_URL, "user": user}
    language = user.language if user.language in Language.values else Language.EN
    with translation.override(language):  # gettext, Russian from locale/ru
        subject = render_to_string("accounts/email/login_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("accounts/email/login.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("accounts/email/login.html", context), "text/html"
        )
    if settings.EMAIL_SEND_IN_BACKGROUND:
        transaction.on_commit(lambda: _mail_pool.submit(_send, message))
    else:
        transaction.on_commit(lambda: _send(message))


def user_validate(*, user: User) -> bool:
    """Marks the address confirmed. On the first confirmation every other session of the
    account ends (someone else may have typed this address); returns whether it was the first.
    """
    # The conditional UPDATE decides: of two confirmations at once, only one is the first.
    first = User.objects.filter(pk=user.pk, is_validated=False).update(
        is_validated=True, validated_at=timezone.now(), session_version=F("session_version") + 1
    )
    user.refresh_from_db(fields=["is_validated", "validated_at", "session_version"])
    return bool(first)


def user_set_language(*, user: User, language: str) -> User:
    if language not in Language.values:
        raise BadUserInput("This language is not available.", field="language")
    user.language = language
    user.save(update_fields=["language"])
    return user


def user_set_time_zone(*, user: User, time_zone: str) -> User:
    """Changes the time zone the person's days are counted in (an IANA name)."""
    user.time_zone = time_zone_parse(time_zone=time_zone)
    user.save(update_fields=["time_zone"])
    return user


def user_delete(*, user: User, email: str) -> None:
    """Deletes an account and everything of it, once the person has typed its address
    (BAD_USER_INPUT otherwise): the apps' rows (`user_deleting`, then cascades), its sessions
    on every device, its login links and the rate-limit counts of the address. Signing in
    with the address afterwards starts a new account."""
    if normalize_email(email) != user.email:
        raise BadUserInput(
            "That is not the address of this account. Type it exactly to delete the account.",
            field="email",
        )
    with transaction.atomic():
        user_deleting.send(sender=User, user=user)
        shortlinks_delete_owned(owner=user.pk)
        rate_limit_forget(scope="login-email", ident=user.email, rate=settings.LOGIN_RATE_PER_EMAIL)
        User.objects.filter(pk=user.pk).delete()


# --- API tokens --------------------------------------------------------------------------------

API_TOKEN_PREFIX = "af_"
API_TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
API_TOKEN_PATTERN = re.compile(r"af_[A-Za-z0-9_-]{43}")
MAX_API_TOKENS = 20
API_TOKEN_NAME_MAX = 100
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedApiToken:
    api_token: ApiToken
    token: str  # shown once, never stored


def api_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str, scope: str) -> CreatedApiToken:
    """Makes a token for `user`; the returned `token` is the only copy there will ever be."""
    name = " ".join((name or "").split())
    if not name:
        raise BadUserInput("Please give the token a name.", field="name")
    if len(name) > API_TOKEN_NAME_MAX:
        raise BadUserInput(
            f"A token name has at most {API_TOKEN_NAME_MAX} characters.", field="name"
        )
    if scope not in ApiTokenScope.values:
        raise BadUserInput("The scope is `read` or `write`.", field="scope")
    with transaction.atomic():
        # The account's row lock makes concurrent creations count one after the other.
        User.objects.select_for_update().filter(pk=user.pk).first()
        live = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        if live.count() >= MAX_API_TOKENS:
            raise Conflict(
                f"An account can have at most {MAX_API_TOKENS} tokens. "
                "Revoke one you no longer use first."
            )
        if live.filter(name__iexact=name).exists():
            raise BadUserInput(f"You already have a token called “{name}”.", field="name")
        token = API_TOKEN_PREFIX + secrets.token_urlsafe(API_TOKEN_BYTES)
        try:
            with transaction.atomic():
                api_token = ApiToken.objects.create(
                    user=user, name=name, scope=scope, token_hash=api_token_hash(token)
                )
        except IntegrityError:  # the database's case folding differs from ours
            raise BadUserInput(f"You already have a token called “{name}”.", field="name") from None
    return CreatedApiToken(api_token=api_token, token=token)


def api_token_revoke(*, user: User, token_id: str | int) -> ApiToken:
    """Ends one of the user's live tokens at once: the next request with it is refused."""
    try:
        pk = int(token_id)
    except (TypeError, ValueError):
        raise NotFound("No such token: it may have been revoked already.") from None
    api_token = ApiToken.objects.filter(pk=pk, user=user, revoked_at__isnull=True).first()
    if api_token is None:
        raise NotFound("No such token: it may have been revoked already.")
    api_token.revoked_at = timezone.now()
    api_token.save(update_fields=["revoked_at"])
    return api_token


def api_token_use(*, token: str, now: datetime | None = None) -> ApiToken | None:
    """The live token for a presented secret, with its user; None when it is malformed,
    unknown, revoked, or its account is inactive. Notes the use at most once a minute."""
    if not API_TOKEN_PATTERN.fullmatch(token or ""):
        return None
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=api_token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if api_token is None:
        return None
    now = now or timezone.now()
    last = api_token.last_used_at
    if last is None or now - last >= LAST_USED_EVERY:
        # Conditional, so that concurrent requests of one minute write once between them.
        ApiToken.objects.filter(pk=api_token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
        api_token.last_used_at = now
    return api_token
