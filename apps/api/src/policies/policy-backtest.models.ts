import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { PostState } from '@clearpost/post-workflow';
import { PostStateEnum } from '../posts/post.models';
import { PolicyFinding } from './policy.models';

export const BACKTEST_DEFAULT_POSTS = 1_000;
export const BACKTEST_MAX_POSTS = 5_000;
/** Texts listed in the answer; the counts cover every text scanned. */
export const BACKTEST_MAX_ITEMS = 200;

@InputType()
export class BacktestPolicyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Not a policy id.' })
  policyId: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Rules to try (e.g. unsaved edits); the saved draft, or the latest version, when absent.' })
  @IsOptional()
  @IsArray({ message: 'Rules must be a list.' })
  rules?: unknown[];

  @Field(() => Int, {
    nullable: true,
    description: `How many of the most recently changed posts to scan (default ${BACKTEST_DEFAULT_POSTS}, at most ${BACKTEST_MAX_POSTS}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Scan at least one post.' })
  @Max(BACKTEST_MAX_POSTS, { message: `Scan at most ${BACKTEST_MAX_POSTS} posts at a time.` })
  limit?: number;

  @Field({ nullable: true, description: 'en (default) or fr, for the messages.' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  locale?: 'en' | 'fr';
}

export enum BacktestChange {
  /** Flagged by the tried rules, not by the published version. */
  NEW = 'NEW',
  /** Flagged by both, by different rules. */
  CHANGED = 'CHANGED',
  /** Flagged by both, by the same rules. */
  SAME = 'SAME',
  /** Flagged by the published version, no longer by the tried rules. */
  GONE = 'GONE',
}
registerEnumType(BacktestChange, { name: 'BacktestChange' });

@ObjectType()
export class BacktestRuleCount {
  @Field()
  ruleId: string;

  @Field()
  kind: string;

  @Field({ description: 'BLOCK, REQUIRE_APPROVAL or WARN: what the rule does, or would do once out of MONITOR.' })
  action: string;

  @Field({ description: 'ENFORCE or MONITOR.' })
  mode: string;

  @Field(() => String, { nullable: true })
  label: string | null;

  @Field(() => Int, { description: 'Posts with at least one finding of this rule.' })
  posts: number;

  @Field(() => Int, { nullable: true, description: 'The same with the published version; null when the policy has none or lacks this rule.' })
  postsBefore: number | null;
}

@ObjectType()
export class BacktestAccount {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field()
  handle: string;

  @Field()
  network: string;
}

@ObjectType({ description: 'One post’s text on one account, as the tried rules judge it.' })
export class BacktestItem {
  @Field(() => ID)
  postId: string;

  @Field(() => Int)
  revision: number;

  @Field(() => PostStateEnum)
  state: PostState;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => BacktestAccount)
  account: BacktestAccount;

  @Field()
  text: string;

  @Field(() => BacktestChange)
  change: BacktestChange;

  @Field(() => [PolicyFinding], { description: 'What the tried rules find (MONITOR rules included).' })
  findings: PolicyFinding[];

  @Field(() => [String], { description: 'The rules of the published version that flagged it.' })
  flaggedBefore: string[];
}

@ObjectType({ description: 'What a policy would have flagged on the organization’s past posts, beside its published version.' })
export class PolicyBacktest {
  @Field(() => ID)
  policyId: string;

  @Field(() => Int, { nullable: true, description: 'The published version compared with; null when the policy has none.' })
  comparedWithVersion: number | null;

  @Field(() => Int, { description: 'The organization’s posts in all.' })
  totalPosts: number;

  @Field(() => Int, { description: 'Posts scanned: the most recently changed, latest revision of each.' })
  scannedPosts: number;

  @Field(() => Int, { description: 'Texts scanned: one per post and account.' })
  scannedTexts: number;

  @Field(() => Int)
  flaggedPosts: number;

  @Field(() => Int, { description: 'Posts flagged now that the published version did not flag.' })
  newlyFlaggedPosts: number;

  @Field(() => Int, { description: 'Posts the published version flagged that are no longer flagged.' })
  noLongerFlaggedPosts: number;

  @Field(() => [BacktestRuleCount])
  rules: BacktestRuleCount[];

  @Field(() => [BacktestItem], { description: `Flagged texts (and those no longer flagged), new ones first; at most ${BACKTEST_MAX_ITEMS}.` })
  items: BacktestItem[];

  @Field({ description: 'More texts were flagged than are listed.' })
  itemsTruncated: boolean;

  @Field(() => Int, { description: 'How long the scan took, in milliseconds.' })
  tookMs: number;
}
