{# A stable pseudonymous key for a person, never the email itself: the address hashed with a
   salt derived from the app's secret key (only a hash of the key appears in the SQL), so keys
   cannot be found by hashing guessed addresses. #}
{% macro pseudonym(email_column) -%}
    md5('{{ local_md5("af_dbt.pseudonym:" ~ env_var("DJANGO_SECRET_KEY", "")) }}' || ':' || {{ email_column }})
{%- endmacro %}
