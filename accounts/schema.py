import graphene
from django.contrib.auth import login, logout

from accounts import services
from accounts.types import UserType
from autofocus.graphql import require_user
from autofocus.ratelimit import client_ip


class Query(graphene.ObjectType):
    user = graphene.Field(UserType, description="The signed-in user, or null when signed out.")

    @staticmethod
    def resolve_user(root, info):
        user = info.context.user
        return user if user.is_authenticated else None


class RequestLoginLinkPayload(graphene.ObjectType):
    signed_in = graphene.Boolean(
        required=True,
        description="True when the address was new: the account was created and this browser "
        "is now signed in. False when a link was emailed to a known address.",
    )
    user = graphene.Field(UserType, description="The signed-in user when `signedIn` is true.")


class RequestLoginLink(graphene.Mutation):
    """Signs a new address up at once, and emails a login link to any address."""

    class Arguments:
        email = graphene.String(required=True, description="The address to sign in with.")
        time_zone = graphene.String(
            description="The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions()"
            ".timeZone`), kept by a new account; UTC when omitted or unknown."
        )

    Output = RequestLoginLinkPayload

    @staticmethod
    def mutate(root, info, email: str, time_zone: str | None = None):
        request = info.context
        sign_in = services.user_sign_in_or_up(
            email=email,
            language=services.language_from_header(request.META.get("HTTP_ACCEPT_LANGUAGE")),
            client_ip=client_ip(request),
            time_zone=time_zone,
        )
        if sign_in.created:
            login(request, sign_in.user, backend="django.contrib.auth.backends.ModelBackend")
        services.login_link_send(user=sign_in.user)
        return RequestLoginLinkPayload(
            signed_in=sign_in.created, user=sign_in.user if sign_in.created else None
        )


class LogoutPayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True, description="Always true: the session has ended.")


class Logout(graphene.Mutation):
    """Signs this browser out."""

    Output = LogoutPayload

    @staticmethod
    def mutate(root, info):
        logout(info.context)
        return LogoutPayload(ok=True)


class UpdateTimeZonePayload(graphene.ObjectType):
    user = graphene.Field(UserType, required=True, description="The updated user.")


class UpdateTimeZone(graphene.Mutation):
    """Changes the time zone the person's days are counted in."""

    class Arguments:
        time_zone = graphene.String(
            required=True,
            description="An IANA time zone name such as `Europe/Berlin`; BAD_USER_INPUT otherwise.",
        )

    Output = UpdateTimeZonePayload

    @staticmethod
    def mutate(root, info, time_zone: str):
        user = require_user(info)
        return UpdateTimeZonePayload(
            user=services.user_set_time_zone(user=user, time_zone=time_zone)
        )


class Mutation(graphene.ObjectType):
    request_login_link = RequestLoginLink.Field(
        description="Sign up (new address) or ask for a login link (known address)."
    )
    logout = Logout.Field(description="Sign this browser out.")
    update_time_zone = UpdateTimeZone.Field(
        description="Change the time zone the person's days are counted in."
    )
