import { requestLocale } from '../common/locale';
import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import { respondWithSession } from '../auth/auth.resolver';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { IdArg } from '../common/id-arg';
import { clientInfo, type GqlContext } from '../common/request';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { Public, RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, CurrentOrganizationId, type TenantActor } from '../tenancy/current-actor.decorator';
import { InvitationsService } from './invitations.service';
import {
  AcceptInvitationInput,
  AcceptInvitationPayload,
  Invitation,
  InvitationPreview,
  InviteMemberInput,
  Member,
  MemberConnection,
  MemberFilter,
  InvitationConnection,
  RemoveMemberPayload,
  UpdateMemberRoleInput,
} from './member.models';
import { MembersService } from './members.service';

@Resolver()
export class MembersResolver {
  constructor(
    private readonly membersService: MembersService,
    private readonly invitationsService: InvitationsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => [Member], { description: 'Current members, by name — all of them (membersConnection pages and searches).' })
  @RequirePermission('member.read')
  async members(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<Member[]> {
    return this.membersService.list(tx, organizationId);
  }

  @Query(() => MemberConnection, { description: 'Current members by name, a page at a time; searchable by name or email.' })
  @RequirePermission('member.read')
  async membersConnection(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => MemberFilter, nullable: true }) filter?: MemberFilter,
  ): Promise<MemberConnection> {
    return this.membersService.page(tx, organizationId, pageSize(first), after, filter ?? {});
  }

  @Query(() => [Invitation], { description: 'Invitations not yet accepted or revoked (pending and expired), newest first — all of them.' })
  @RequirePermission('member.invite')
  async invitations(@CurrentOrganizationId() organizationId: string, @CurrentTx() tx: Tx): Promise<Invitation[]> {
    return this.invitationsService.list(tx, organizationId);
  }

  @Query(() => InvitationConnection, { description: 'Open invitations, newest first, a page at a time.' })
  @RequirePermission('member.invite')
  async invitationsConnection(
    @CurrentOrganizationId() organizationId: string,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<InvitationConnection> {
    return this.invitationsService.page(tx, organizationId, pageSize(first), after);
  }

  @Mutation(() => Invitation, { description: 'Invites someone by email with a role (and clients); the mail goes out once this commits.' })
  @RequirePermission('member.invite')
  async inviteMember(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: InviteMemberInput,
    @Context() ctx: GqlContext,
    @CurrentTx() tx: Tx,
  ): Promise<Invitation> {
    return this.invitationsService.invite(tx, actor, input, requestLocale(ctx.req));
  }

  @Mutation(() => Invitation)
  @RequirePermission('member.invite')
  async revokeInvitation(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Invitation> {
    return this.invitationsService.revoke(tx, actor, id);
  }

  @Mutation(() => Invitation, { description: 'Sends a fresh link (the old one stops working), valid for the full period again.' })
  @RequirePermission('member.invite')
  async resendInvitation(@CurrentMember() actor: TenantActor, @IdArg() id: string, @CurrentTx() tx: Tx): Promise<Invitation> {
    return this.invitationsService.resend(tx, actor, id);
  }

  @Query(() => InvitationPreview, { description: 'What an invitation link is for, before accepting it.' })
  @Public()
  invitation(@Args('token') token: string, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<InvitationPreview> {
    return this.invitationsService.preview(tx, token, clientInfo(ctx.req));
  }

  @Mutation(() => AcceptInvitationPayload, {
    description:
      'Accepts an invitation. Signed in (as the invited email): joins the organization. Otherwise creates the account from name and password and signs in.',
  })
  @Public()
  async acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<AcceptInvitationPayload> {
    const signedIn = await this.auth.sessionFromBearer(tx, ctx.req.get('authorization'));
    const result = await this.invitationsService.accept(tx, input, signedIn, clientInfo(ctx.req), requestLocale(ctx.req));
    return {
      organization: result.organization,
      role: result.role,
      auth: result.session ? respondWithSession(ctx, result.session, this.config) : null,
    };
  }

  @Mutation(() => Member, { description: 'Changes a member’s role (and, when given, their clients). Only owners grant or take away the owner role.' })
  @RequirePermission('member.manage')
  async updateMemberRole(@CurrentMember() actor: TenantActor, @Args('input') input: UpdateMemberRoleInput, @CurrentTx() tx: Tx): Promise<Member> {
    return this.membersService.updateRole(tx, actor, input.memberId, input.role, input.clientIds);
  }

  @Mutation(() => RemoveMemberPayload, { description: 'Removes a member; their access ends at once and accounts they owned need a new owner.' })
  @RequirePermission('member.manage')
  async removeMember(@CurrentMember() actor: TenantActor, @IdArg('memberId') memberId: string, @CurrentTx() tx: Tx): Promise<RemoveMemberPayload> {
    return this.membersService.remove(tx, actor, memberId);
  }
}
