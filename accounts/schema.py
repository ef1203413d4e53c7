import graphene

from accounts.types import UserType


class Query(graphene.ObjectType):
    user = graphene.Field(UserType, description="The signed-in user, or null when signed out.")

    @staticmethod
    def resolve_user(root, info):
        user = info.context.user
        return user if user.is_authenticated else None


class Mutation(graphene.ObjectType):
    pass
