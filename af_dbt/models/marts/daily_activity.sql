-- One row per UTC day with any event (an action, an undo, a sign-up or a confirmation).
-- Actions later undone are not counted; undos are, on the day they were made.
with actions as (
    select
        day,
        count(distinct user_key) as action_users,
        coalesce(sum(items_added), 0)::int as items_created,
        count(*) filter (where kind = 'complete') as items_completed,
        count(*) filter (where kind = 'reenter') as items_reentered,
        coalesce(sum(dismissed_count), 0)::int as items_dismissed,
        count(*) filter (where kind = 'restore') as items_restored,
        count(*) filter (where kind = 'delete') as items_deleted,
        count(*) filter (where kind = 'next_page') as pages_passed
    from {{ ref('stg_events') }}
    where not is_undone
    group by day
),
undos as (
    select undone_day as day, count(*) as undos
    from {{ ref('stg_events') }}
    where is_undone
    group by undone_day
),
active as (
    -- Anyone who acted that day, even if the action was undone later, or who undid one.
    select day, user_key from {{ ref('stg_events') }}
    union
    select undone_day, user_key from {{ ref('stg_events') }} where is_undone
),
active_per_day as (
    select day, count(distinct user_key) as active_users from active group by day
),
signups as (
    select (joined_at at time zone '{{ var("day_time_zone") }}')::date as day, count(*) as new_users
    from {{ ref('stg_users') }}
    group by 1
),
validations as (
    select (validated_at at time zone '{{ var("day_time_zone") }}')::date as day,
        count(*) as validated_users
    from {{ ref('stg_users') }}
    where validated_at is not null
    group by 1
),
days as (
    select day from actions
    union select day from undos
    union select day from signups
    union select day from validations
)
select
    d.day,
    coalesce(a.active_users, 0)::int as active_users,
    coalesce(s.new_users, 0)::int as new_users,
    coalesce(v.validated_users, 0)::int as validated_users,
    coalesce(x.items_created, 0)::int as items_created,
    coalesce(x.items_completed, 0)::int as items_completed,
    coalesce(x.items_reentered, 0)::int as items_reentered,
    coalesce(x.items_dismissed, 0)::int as items_dismissed,
    coalesce(x.items_restored, 0)::int as items_restored,
    coalesce(x.items_deleted, 0)::int as items_deleted,
    coalesce(x.pages_passed, 0)::int as pages_passed,
    coalesce(u.undos, 0)::int as undos
from days as d
left join actions as x on x.day = d.day
left join undos as u on u.day = d.day
left join active_per_day as a on a.day = d.day
left join signups as s on s.day = d.day
left join validations as v on v.day = d.day
order by d.day
