-- One row per person with a list, keyed by a pseudonym (never the email): the list now and
-- the last 30 days. completion_rate_30d = done / (done + dismissed) over those days, null
-- when neither happened.
with items as (
    select
        user_key,
        count(*) filter (where is_open) as open_items,
        count(*) filter (where is_dismissed_waiting) as dismissed_waiting,
        min(created_at) filter (where is_open) as oldest_open_at
    from {{ ref('stg_items') }}
    group by user_key
),
recent as (
    select
        user_key,
        count(*) filter (where kind = 'complete') as completed_30d,
        coalesce(sum(dismissed_count), 0) as dismissed_30d
    from {{ ref('stg_events') }}
    where not is_undone and created_at >= now() - interval '30 days'
    group by user_key
)
select
    n.user_key as user_id,
    coalesce(i.open_items, 0)::int as open_items,
    coalesce(i.dismissed_waiting, 0)::int as dismissed_waiting,
    n.pages,
    (current_date - (i.oldest_open_at at time zone 'UTC')::date)::int as oldest_open_days,
    coalesce(r.completed_30d, 0)::int as completed_30d,
    coalesce(r.dismissed_30d, 0)::int as dismissed_30d,
    round(
        r.completed_30d::numeric / nullif(r.completed_30d + r.dismissed_30d, 0), 3
    ) as completion_rate_30d
from {{ ref('stg_notebooks') }} as n
left join items as i on i.user_key = n.user_key
left join recent as r on r.user_key = n.user_key
