-- One row per line of every list; open = ACTIVE and not deleted.
select
    i.id as item_id,
    u.user_key,
    i.position,
    i.state,
    i.repeats,
    i.created_at,
    i.deleted_at,
    (i.state = 'active' and i.deleted_at is null) as is_open,
    (i.state = 'dismissed' and i.deleted_at is null) as is_dismissed_waiting
from {{ source('app', 'focus_item') }} as i
join {{ ref('stg_users') }} as u on u.email = i.user_id
