import graphene
from django.contrib.auth import login, logout

from accounts import selectors, services
from accounts.types import ApiTokenScopeEnum, ApiTokenType, UserType
from autofocus.graphql import require_user
from autofocus.ratelimit import client_ip


class Query(graphene.ObjectType):
    user = graphene.Field(UserType, description="The signed-in user, or null when signed out.")

    api_tokens = graphene.List(
        graphene.NonNull(ApiTokenType),
        required=True,
        description="The signed-in user's live API tokens, newest first.",
    )

    @staticmethod
    def resolve_user(root, info):
        user = info.context.user
        return user if user.is_authenticated else None

    @staticmethod
    def resolve_api_tokens(root, info):
        return selectors.api_token_list(user=require_user(info))


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


class CreateApiTokenPayload(graphene.ObjectType):
    """The result of creating an API token."""

    token = graphene.String(
        required=True,
        description="The token, to send as `Authorization: Bearer <token>`. Shown this once "
        "only: it is not stored and cannot be read again.",
    )
    api_token = graphene.Field(ApiTokenType, required=True, description="The new token's record.")


class CreateApiToken(graphene.Mutation):
    """Creates a personal access token (at most 20 live ones per account). Web app only."""

    class Arguments:
        name = graphene.String(
            required=True, description="What the token is for (1 to 100 characters, unique)."
        )
        scope = ApiTokenScopeEnum(required=True, description="What the token may do.")

    Output = CreateApiTokenPayload

    @staticmethod
    def mutate(root, info, name: str, scope):
        created = services.api_token_create(
            user=require_user(info), name=name, scope=getattr(scope, "value", scope)
        )
        return CreateApiTokenPayload(token=created.token, api_token=created.api_token)


class RevokeApiTokenPayload(graphene.ObjectType):
    """The result of revoking an API token."""

    ok = graphene.Boolean(required=True, description="Always true: the token no longer works.")


class RevokeApiToken(graphene.Mutation):
    """Revokes one of the user's tokens: requests with it are refused from now on."""

    class Arguments:
        id = graphene.ID(required=True, description="The token's id.")

    Output = RevokeApiTokenPayload

    @staticmethod
    def mutate(root, info, id: str):
        services.api_token_revoke(user=require_user(info), token_id=id)
        return RevokeApiTokenPayload(ok=True)


class DeleteAccountPayload(graphene.ObjectType):
    ok = graphene.Boolean(
        required=True, description="Always true: the account and everything of it are gone."
    )


class DeleteAccount(graphene.Mutation):
    """Deletes the signed-in account and everything of it; this browser is signed out."""

    class Arguments:
        email = graphene.String(
            required=True,
            description="The account's address, typed by the person to confirm "
            "(BAD_USER_INPUT when it does not match).",
        )

    Output = DeleteAccountPayload

    @staticmethod
    def mutate(root, info, email: str):
        request = info.context
        services.user_delete(user=require_user(info), email=email)
        logout(request)
        return DeleteAccountPayload(ok=True)


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
    create_api_token = CreateApiToken.Field(
        description="Create a personal access token (web app only); its secret is shown once."
    )
    revoke_api_token = RevokeApiToken.Field(description="Revoke an API token (web app only).")
    delete_account = DeleteAccount.Field(
        description="Delete the account and everything of it, on every device."
    )
    update_time_zone = UpdateTimeZone.Field(
        description="Change the time zone the person's days are counted in."
    )
