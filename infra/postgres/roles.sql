-- Roles and database for Clearpost on a PostgreSQL server you run (the compose file runs this
-- once, at first start). Change the password; use the same one in DATABASE_URL.
--
--   clearpost_owner  logs in, owns the tables, runs the migrations at start. Not a superuser.
--   clearpost_app    owns nothing and cannot bypass row-level security. Every request's
--                    transaction switches to it (SET LOCAL ROLE), so tenancy holds even if the
--                    application code forgets a WHERE clause.
do $$ begin
  if not exists (select from pg_roles where rolname = 'clearpost_app') then
    create role clearpost_app nologin nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
  if not exists (select from pg_roles where rolname = 'clearpost_owner') then
    create role clearpost_owner login password 'clearpost-change-me' nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
end $$;
-- The owner may switch to the app role (SET LOCAL ROLE) inside its transactions.
grant clearpost_app to clearpost_owner;

create database clearpost owner clearpost_owner;
