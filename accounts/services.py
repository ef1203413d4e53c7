"""Account writes: sign-up, login links, validation. Keyword-only, typed."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_supported_language_variant
from sesame.utils import get_query_string

from accounts.models import DEFAULT_TIME_ZONE, Language, User, is_time_zone, normalize_email
from autofocus.errors import BadUserInput, RateLimited
from autofocus.ratelimit import rate_limit_hit
from shortlinks.services import shortlink_create

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
            from focus.services import list_start

            list_start(user=user)
    except IntegrityError:  # the same address signed up at the same moment
        return SignIn(user=User.objects.get(pk=email), created=False)
    return SignIn(user=user, created=True)


def login_link_create(*, user: User) -> str:
    """A short link to the login confirmation page; it expires with the login token."""
    target = f"/login{get_query_string(user)}"
    short = shortlink_create(target=target, expires_in=timedelta(seconds=settings.SESAME_MAX_AGE))
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
    subject = render_to_string(f"accounts/email/login_subject.{language}.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"accounts/email/login.{language}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string(f"accounts/email/login.{language}.html", context), "text/html"
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
