/**
 * The role every request transaction runs as: it owns no table, cannot bypass RLS and holds only
 * the grants the migrations give it. Migrations run as the owner (the connecting role).
 */
export const APP_ROLE = 'clearpost_app';

/** The tenant as a policy sees it; `nullif` because a reset local setting reads back as ''. */
export const CURRENT_ORG_SQL = `nullif(current_setting('app.organization_id', true), '')::uuid`;
export const CURRENT_USER_SQL = `nullif(current_setting('app.user_id', true), '')::uuid`;
