import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import { Db } from '../database/db.service';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../tenancy/current-actor.decorator';
import { SentMailConnection } from './mail.models';
import { MailService } from './mail.service';

@Resolver()
export class MailResolver {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
  ) {}

  @Query(() => SentMailConnection, {
    description: 'Mail this organization sent, newest first. Links that grant more than the reader could grant are hidden (`redacted`).',
  })
  @RequirePermission('mail.read')
  async sentMail(
    @CurrentMember() actor: TenantActor,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SentMailConnection> {
    return this.mail.list(await this.db.manager(), actor.organizationId, actor.role, pageSize(first), after);
  }
}
