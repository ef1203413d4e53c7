-- One row per task finished (a complete event not undone), with when the task was first
-- added: re-entered and restored lines are copies, so each copy is followed back to the line
-- it came from.
with recursive origins as (
    select i.item_id, i.created_at as added_at
    from {{ ref('stg_items') }} as i
    where not exists (
        select 1 from {{ ref('stg_events') }} as e
        where e.copy_id = i.item_id and e.kind in ('reenter', 'restore') and not e.is_undone
    )
    union all
    select e.copy_id, o.added_at
    from origins as o
    join {{ ref('stg_events') }} as e
        on e.item_id = o.item_id and e.kind in ('reenter', 'restore') and not e.is_undone
    where e.copy_id is not null
)
select
    e.event_id,
    e.user_key,
    e.item_id,
    e.created_at as done_at,
    e.day,
    i.repeats as reentries,
    o.added_at,
    extract(epoch from e.created_at - o.added_at) / 86400.0 as days_to_done
from {{ ref('stg_events') }} as e
join {{ ref('stg_items') }} as i on i.item_id = e.item_id
join origins as o on o.item_id = e.item_id
where e.kind = 'complete' and not e.is_undone
