-- Every UTC day on which an event happened has its row, and active_users on a day is the
-- number of distinct people with an event (or an undo) that day.
with raw as (
    select (created_at at time zone 'UTC')::date as day, user_id from {{ source('app', 'focus_event') }}
    union
    select (undone_at at time zone 'UTC')::date, user_id
    from {{ source('app', 'focus_event') }} where undone_at is not null
),
per_day as (select day, count(distinct user_id) as users from raw group by day)
select p.day, p.users, d.active_users
from per_day as p
left join {{ ref('daily_activity') }} as d on d.day = p.day
where d.day is null or d.active_users <> p.users
