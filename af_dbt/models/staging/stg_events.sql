-- Every action, undone ones included (is_undone), with the day it happened in UTC, the
-- number of tasks it added (one for a create, all of an import's) and the number of lines a
-- page pass dismissed.
select
    e.id as event_id,
    u.user_key,
    e.kind,
    e.item_id,
    e.copy_id,
    e.created_at,
    (e.created_at at time zone '{{ var("day_time_zone") }}')::date as day,
    e.undone_at,
    (e.undone_at at time zone '{{ var("day_time_zone") }}')::date as undone_day,
    e.undone_at is not null as is_undone,
    e.prev_acted_on_page,
    case e.kind when 'create' then 1 when 'import' then e.item_count else 0 end as items_added,
    case when e.kind = 'next_page' then jsonb_array_length(e.dismissed_ids) else 0 end
        as dismissed_count,
    e.dismissed_ids
from {{ source('app', 'focus_event') }} as e
join {{ ref('stg_users') }} as u on u.email = e.user_id
