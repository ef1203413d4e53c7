"""Creates the PostgreSQL database named in a DATABASE_URL when it does not exist yet."""

from __future__ import annotations

import sys

import dj_database_url
import psycopg
from psycopg import sql


def main(url: str) -> None:
    config = dj_database_url.parse(url)
    name = config["NAME"]
    connection = psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )
    with connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


if __name__ == "__main__":
    main(sys.argv[1])
