"""A small Flask-SQLAlchemy-style app (SQLAlchemy Core, 1.4 as Debian ships it) for the interop
tests: `setup URL` creates and fills its tables; `read URL` prints every row as JSON, each date
and time as SQLAlchemy itself loaded it. A row SQLAlchemy cannot load makes `read` fail."""
import datetime as dt
import json
import sys

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, MetaData, String, Table, Text, Time, create_engine, select
from sqlalchemy.dialects import mysql

metadata = MetaData()
# MySQL's DATETIME/TIME keep whole seconds unless declared with fsp; these columns keep microseconds.
DATETIME = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql")
TIME = Time().with_variant(mysql.TIME(fsp=6), "mysql")

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), unique=True, nullable=False),
    Column("email", String(120), unique=True, nullable=False),
    Column("bio", Text),
    Column("is_active", Boolean, default=True),
    Column("score", Float, default=0),
    Column("created_at", DATETIME, nullable=False, default=dt.datetime.utcnow),
    Column("updated_at", DATETIME, nullable=False, default=dt.datetime.utcnow, onupdate=dt.datetime.utcnow),
)

post = Table(
    "post", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("created_at", DATETIME),
    Column("published_on", Date),
    Column("starts_at", TIME),
    Column("stamp", DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql")),
)


def shown(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%fZ")
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def main():
    command, url = sys.argv[1], sys.argv[2]
    engine = create_engine(url)
    if command == "setup":
        metadata.create_all(engine)
        with engine.begin() as conn:
            for i in range(1, 4):
                conn.execute(users.insert().values(username=f"user{i}", email=f"user{i}@example.com",
                                                   created_at=dt.datetime(2024, 1, i, 12, 0, 0, 250000)))
                conn.execute(post.insert().values(title=f"post {i}", created_at=dt.datetime(2024, 2, i, 8, 30, 0, 1),
                                                  published_on=dt.date(2024, 2, i), starts_at=dt.time(9, 15, 0, 500000),
                                                  stamp=dt.datetime(2024, 3, i, 10, 0, 0, tzinfo=dt.timezone.utc)))
        return
    out = {}
    with engine.connect() as conn:
        for table in (users, post):
            out[table.name] = [{k: shown(v) for k, v in row._mapping.items()} for row in conn.execute(select(table).order_by(table.c.id))]
    print(json.dumps(out))


main()
