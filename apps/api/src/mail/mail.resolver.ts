import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { decodeKeyCursor, encodeKeyCursor, pageSize } from '../common/pagination';
import { Db } from '../database/db.service';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentOrganizationId } from '../tenancy/current-actor.decorator';
import { MailDelivery, MailStatus, SentMail, SentMailConnection } from './mail.models';
import { MailService } from './mail.service';

interface MailRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  status: MailStatus;
  transport: MailDelivery;
  created_at: Date;
  created_key: string;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

@Resolver()
export class MailResolver {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
  ) {}

  @Query(() => SentMailConnection, { description: 'Mail this organization sent, newest first.' })
  @RequirePermission('mail.read')
  async sentMail(
    @CurrentOrganizationId() organizationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SentMailConnection> {
    const size = pageSize(first);
    const params: unknown[] = [organizationId, size + 1];
    let keyset = '';
    if (after) {
      const [createdKey, id] = decodeKeyCursor(after, 2);
      params.push(createdKey, id);
      keyset = `and (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const manager = await this.db.manager();
    const rows = (await manager.query(
      `select id, kind, to_address, subject, text_body, html_body, status, transport, created_at, created_at::text as created_key,
              sent_at, attempts, last_error
         from outbound_mail where organization_id = $1 ${keyset}
        order by created_at desc, id desc limit $2`,
      params,
    )) as MailRow[];
    const page = rows.slice(0, size);
    const cursor = (row: MailRow) => encodeKeyCursor([row.created_key, row.id]);
    const last = page.at(-1);
    const toNode = (row: MailRow): SentMail => ({
      id: row.id,
      kind: row.kind,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      status: row.status,
      transport: row.transport,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      attempts: row.attempts,
      lastError: row.last_error,
    });
    return {
      delivery: MailDelivery[this.mail.delivery],
      edges: page.map((row) => ({ cursor: cursor(row), node: toNode(row) })),
      pageInfo: { hasNextPage: rows.length > size, endCursor: last ? cursor(last) : null },
    };
  }
}
