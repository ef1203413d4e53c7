-- One row per line dismissed by a page pass that was not undone, with what became of it:
-- restored later (a restore not undone) or deleted (the line is deleted now).
with dismissed as (
    select
        e.user_key,
        e.created_at as dismissed_at,
        (jsonb_array_elements_text(e.dismissed_ids))::bigint as item_id
    from {{ ref('stg_events') }} as e
    where e.kind = 'next_page' and not e.is_undone
)
select
    d.user_key,
    d.item_id,
    d.dismissed_at,
    exists (
        select 1 from {{ ref('stg_events') }} as r
        where r.kind = 'restore' and not r.is_undone and r.item_id = d.item_id
            and r.created_at >= d.dismissed_at
    ) as restored,
    coalesce(i.deleted_at is not null, false) as deleted
from dismissed as d
left join {{ ref('stg_items') }} as i on i.item_id = d.item_id
