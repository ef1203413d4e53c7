{# Models go into exactly the schema they name (`dbt`, `dbt_staging`), not `<target>_<name>`. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
