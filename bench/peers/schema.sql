-- The peer's database: the same projects, organisations, roles and target
-- groups as the Partnergraph server it was exported from (through its
-- public API), with an index under every foreign key and under the
-- filtered page's condition. PostGraphile 5 serves it as GraphQL.
drop schema if exists public cascade;
create schema public;

create table organisation (
  id text primary key,
  name text not null,
  acronym text,
  country_code text
);

create table target_group (
  id text primary key,
  name text not null
);

create table project (
  id text primary key,
  code text unique,
  title text not null,
  status text,
  country_code text,
  funder text,
  grant_amount bigint,
  final_cost bigint,
  promoter_id text references organisation (id)
);
create index project_promoter_idx on project (promoter_id);
create index project_country_funder_idx on project (country_code, funder, id);

-- Every part an organisation plays in a project (promoter, donor project
-- partner, project partner), as Partnergraph's involvements.
create table partnership (
  project_id text not null references project (id),
  organisation_id text not null references organisation (id),
  role text not null,
  primary key (project_id, organisation_id)
);
create index partnership_organisation_idx on partnership (organisation_id, project_id);

create table project_target_group (
  project_id text not null references project (id),
  target_group_id text not null references target_group (id),
  primary key (project_id, target_group_id)
);
create index project_target_group_target_idx on project_target_group (target_group_id);

-- Partnergraph's collaborators: the organisations that share a project with
-- this one, most shared projects first, then by id.
create type collaborator as (
  organisation_id text,
  name text,
  shared_projects int
);

create function organisation_collaborators(o organisation) returns setof collaborator as $$
  select p2.organisation_id, org.name, count(distinct p2.project_id)::int
  from partnership p1
  join partnership p2 on p2.project_id = p1.project_id and p2.organisation_id <> p1.organisation_id
  join organisation org on org.id = p2.organisation_id
  where p1.organisation_id = o.id
  group by p2.organisation_id, org.name
  order by 3 desc, 1
$$ language sql stable;
