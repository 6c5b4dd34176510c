import { Foundation1764050000000 } from './1764050000000-foundation';
import { OrganizationsAtWork1764100000000 } from './1764100000000-organizations-at-work';
import { Policies1764150000000 } from './1764150000000-policies';
import { Hardening1764200000000 } from './1764200000000-hardening';
import { ListOrders1764250000000 } from './1764250000000-list-orders';
import { JobClaims1764260000000 } from './1764260000000-job-claims';
import { AuditActionGroups1764270000000 } from './1764270000000-audit-action-groups';
import { Readiness1764280000000 } from './1764280000000-readiness';
import { AuditAppend1764290000000 } from './1764290000000-audit-append';
import { ScopeFunctionsPlpgsql1764300000000 } from './1764300000000-scope-functions-plpgsql';
import { Locales1764310000000 } from './1764310000000-locales';
import { Posts1764320000000 } from './1764320000000-posts';
import { Publishing1764330000000 } from './1764330000000-publishing';
import { Webhooks1764340000000 } from './1764340000000-webhooks';
import { Competitors1764350000000 } from './1764350000000-competitors';

/** In order. A new migration is appended here and never edited once released. */
export const MIGRATIONS = [
  Foundation1764050000000,
  OrganizationsAtWork1764100000000,
  Policies1764150000000,
  Hardening1764200000000,
  ListOrders1764250000000,
  JobClaims1764260000000,
  AuditActionGroups1764270000000,
  Readiness1764280000000,
  AuditAppend1764290000000,
  ScopeFunctionsPlpgsql1764300000000,
  Locales1764310000000,
  Posts1764320000000,
  Publishing1764330000000,
  Webhooks1764340000000,
  Competitors1764350000000,
];
