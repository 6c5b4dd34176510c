import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentOrganizationId } from '../tenancy/current-actor.decorator';
import { AuditChainVerification, AuditEventConnection, AuditEventFilter } from './audit.models';
import { AuditService } from './audit.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'The organization’s audit trail, newest first.' })
  @RequirePermission('audit.read')
  async auditEvents(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
  ): Promise<AuditEventConnection> {
    return this.audit.list(tx, organizationId, pageSize(first), after, filter ?? {});
  }

  // Reads the whole chain: at most one per request (it costs half the request limit).
  @Query(() => AuditChainVerification, { description: 'Re-checks every link of the organization’s audit chain.', complexity: 2500 })
  @RequirePermission('audit.verify')
  async verifyAuditChain(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<AuditChainVerification> {
    return this.audit.verify(tx, organizationId);
  }
}
