import { Body, Controller, Module, Post } from '@nestjs/common';
import request from 'supertest';
import { CurrentTx } from '../src/database/current-tx.decorator';
import { Db } from '../src/database/db.service';
import type { Tx } from '../src/database/tx';
import { conflict } from '../src/common/errors';
import { OrganizationsModule } from '../src/organizations/organizations.module';
import { OrganizationsService } from '../src/organizations/organizations.service';
import { RequirePermission } from '../src/tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../src/tenancy/current-actor.decorator';
import { withAdmin } from './support/databases';
import { join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/** A REST route behind a permission, as OAuth callbacks and webhooks will be: it changes state, or fails after changing it. */
@Controller('test-routes')
class RenameController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('rename')
  @RequirePermission('organization.update')
  async rename(@CurrentMember() actor: TenantActor, @CurrentTx() tx: Tx, @Body() body: { name: string; thenFail?: boolean }) {
    const renamed = await this.organizations.rename(tx, actor.organizationId, actor.userId, body.name);
    if (body.thenFail) throw conflict('Failed after the change, on purpose.');
    return { name: renamed.name };
  }
}

@Module({ imports: [OrganizationsModule], controllers: [RenameController] })
class RoutesUnderTest {}

/** The transaction of a request ends the same way for a REST route as for a GraphQL operation. */
describe('transactions of REST routes', () => {
  let t: TestApp;
  let owner: SignedIn;
  let member: SignedIn;

  const nameAndEvents = async () =>
    withAdmin(async (admin) => {
      const { rows } = await admin.query(
        `select o.name, (select count(*)::int from audit_event e where e.organization_id = o.id and e.action = 'organization.renamed') as renames
           from organization o where o.id = $1`,
        [owner.organizationId],
      );
      return rows[0] as { name: string; renames: number };
    }, t.database);

  /**
   * Transactions left open on the test database. A leaked one stays open for good; the app's own
   * short background transactions (outbox sweep, jobs) may be caught between two statements on a
   * busy machine, so the count is taken again for up to 2 s before it is believed.
   */
  const openTransactions = async () => {
    let open = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      open = await withAdmin((admin) =>
        admin
          .query(`select count(*)::int as n from pg_stat_activity where datname = $1 and state like 'idle in transaction%'`, [t.database])
          .then((r) => r.rows[0].n as number),
      );
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return open;
  };

  beforeAll(async () => {
    t = await TestApp.start({}, [RoutesUnderTest]);
    owner = await t.signUp('rest');
    member = await join(t, owner, 'MEMBER');
  });
  afterAll(() => t.close());

  const post = (who: SignedIn | null, body: object) => {
    const req = request(t.http).post('/test-routes/rename').send(body);
    if (who) req.set('authorization', `Bearer ${who.token}`).set('x-organization-id', who.organizationId);
    return req;
  };

  it('commits the change and its audit event when the route returns', async () => {
    const res = await post(owner, { name: 'Renamed by REST' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'Renamed by REST' });
    expect(await nameAndEvents()).toEqual({ name: 'Renamed by REST', renames: 1 });
  });

  it('rolls back the change and its audit event when the route throws after changing', async () => {
    const res = await post(owner, { name: 'Never saved', thenFail: true });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(await nameAndEvents()).toEqual({ name: 'Renamed by REST', renames: 1 });
    expect(await openTransactions()).toBe(0);
  });

  it('refuses a caller without the permission (403) or without a session (401), leaving nothing open', async () => {
    expect((await post(member, { name: 'No' })).status).toBe(403);
    expect((await post(null, { name: 'No' })).status).toBe(401);
    expect(await nameAndEvents()).toEqual({ name: 'Renamed by REST', renames: 1 });
    expect(await openTransactions()).toBe(0);
  });

  it('hands every connection back: a burst of failing requests leaves the pool whole', async () => {
    const db = t.app.get(Db);
    await Promise.all(Array.from({ length: 40 }, (_, i) => post(owner, { name: `Burst ${i}`, thenFail: true })));
    // The pool has 20 connections: had one leaked per failure, this would wait forever.
    await expect(db.run({ organizationId: null, userId: null }, (tx) => tx.one<{ one: number }>('select 1 as one'))).resolves.toEqual({ one: 1 });
    expect(await openTransactions()).toBe(0);
  });
});
