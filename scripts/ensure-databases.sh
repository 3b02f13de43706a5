#!/usr/bin/env bash
# Makes sure MariaDB (127.0.0.1:3306, root, empty password, database `test`) and PostgreSQL
# (127.0.0.1:5432, postgres, trust, database `test`) answer. Does nothing when both already do;
# starts them when they are installed but down; installs and configures them on a bare Debian box.
set -euo pipefail

mysql_ok() { mariadb -h127.0.0.1 -P3306 -uroot -e 'SELECT 1' test >/dev/null 2>&1; }
pg_ok() { psql -h127.0.0.1 -p5432 -Upostgres -d test -tAc 'SELECT 1' >/dev/null 2>&1; }
wait_for() { for _ in $(seq 1 60); do "$1" && return 0; sleep 1; done; return 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if mysql_ok && pg_ok; then
  echo "databases: MariaDB and PostgreSQL answer"
  exit 0
fi

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "databases: installing mariadb-server and postgresql from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server postgresql >/dev/null
fi

if ! mysql_ok; then
  echo "databases: starting MariaDB"
  as_root install -d -o mysql -g mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || as_root mariadb-install-db --user=mysql >/dev/null
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 60); do as_root mariadb -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
  # Debian's root logs in only over the socket; tests connect over TCP with an empty password.
  as_root mariadb -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE DATABASE IF NOT EXISTS test;" || true
  wait_for mysql_ok || { echo "databases: MariaDB does not answer on 127.0.0.1:3306" >&2; exit 1; }
fi

if ! pg_ok; then
  echo "databases: starting PostgreSQL"
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Local tests connect without a password over TCP.
  as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 60); do psql -h127.0.0.1 -Upostgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
  psql -h127.0.0.1 -Upostgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 ||
    psql -h127.0.0.1 -Upostgres -d postgres -c 'CREATE DATABASE test' >/dev/null
  wait_for pg_ok || { echo "databases: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
fi
echo "databases: MariaDB and PostgreSQL answer"
