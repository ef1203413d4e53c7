"""The root GraphQL schema: it only combines the apps' schemas."""

import graphene

from accounts.schema import Mutation as AccountsMutation
from accounts.schema import Query as AccountsQuery
from focus.schema import Mutation as FocusMutation
from focus.schema import Query as FocusQuery


class Query(AccountsQuery, FocusQuery, graphene.ObjectType):
    pass


class Mutation(AccountsMutation, FocusMutation, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
