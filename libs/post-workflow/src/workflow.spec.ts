import {
  alreadyCounted,
  combineSteps,
  currentStep,
  DEFAULT_CHAIN,
  isEditable,
  isFinal,
  nextState,
  policyStep,
  POST_EVENTS,
  POST_STATES,
  refusal,
  stepComplete,
  transition,
  TransitionError,
  validateChain,
  type ApprovalStep,
  type PostEvent,
  type PostState,
} from './index';

/** The whole table, written out: every (state, event) pair and where it leads (null: impossible). */
const EXPECTED: Record<PostState, Record<PostEvent, PostState | null>> = {
  DRAFT: {
    edit: 'DRAFT',
    submit: 'IN_REVIEW',
    submitApproved: 'APPROVED',
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: 'CANCELLED',
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
  IN_REVIEW: {
    edit: 'DRAFT',
    submit: null,
    submitApproved: null,
    approve: 'IN_REVIEW',
    approveLast: 'APPROVED',
    reject: 'REJECTED',
    requestChanges: 'CHANGES_REQUESTED',
    schedule: null,
    unschedule: null,
    cancel: 'CANCELLED',
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
  CHANGES_REQUESTED: {
    edit: 'CHANGES_REQUESTED',
    submit: 'IN_REVIEW',
    submitApproved: 'APPROVED',
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: 'CANCELLED',
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
  APPROVED: {
    edit: 'DRAFT',
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: 'SCHEDULED',
    unschedule: null,
    cancel: 'CANCELLED',
    publish: 'PUBLISHING',
    published: null,
    failed: null,
    retry: null,
    policyChanged: 'CHANGES_REQUESTED',
    reviewAgain: 'IN_REVIEW',
  },
  SCHEDULED: {
    edit: 'DRAFT',
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: 'SCHEDULED',
    unschedule: 'APPROVED',
    cancel: 'CANCELLED',
    publish: 'PUBLISHING',
    published: null,
    failed: null,
    retry: null,
    policyChanged: 'CHANGES_REQUESTED',
    reviewAgain: 'IN_REVIEW',
  },
  PUBLISHING: {
    edit: null,
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: null,
    publish: null,
    published: 'PUBLISHED',
    failed: 'FAILED',
    retry: null,
    policyChanged: 'CHANGES_REQUESTED',
    reviewAgain: null,
  },
  PUBLISHED: {
    edit: null,
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: null,
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
  FAILED: {
    edit: 'DRAFT',
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: 'CANCELLED',
    publish: null,
    published: null,
    failed: null,
    retry: 'PUBLISHING',
    policyChanged: null,
    reviewAgain: null,
  },
  REJECTED: {
    edit: null,
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: null,
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
  CANCELLED: {
    edit: null,
    submit: null,
    submitApproved: null,
    approve: null,
    approveLast: null,
    reject: null,
    requestChanges: null,
    schedule: null,
    unschedule: null,
    cancel: null,
    publish: null,
    published: null,
    failed: null,
    retry: null,
    policyChanged: null,
    reviewAgain: null,
  },
};

describe('post states', () => {
  it.each(POST_STATES.flatMap((state) => POST_EVENTS.map((event) => [state, event] as const)))('%s + %s', (state, event) => {
    const expected = EXPECTED[state][event];
    expect(nextState(state, event)).toBe(expected);
    if (expected) expect(transition(state, event)).toBe(expected);
    else expect(() => transition(state, event)).toThrow(TransitionError);
  });

  it('names the current state when a transition is impossible', () => {
    expect(() => transition('REJECTED', 'submit')).toThrow('This post is rejected: it cannot be submitted now.');
    expect(() => transition('DRAFT', 'approve')).toThrow('This post is a draft: it cannot be approved now.');
  });

  it('knows which states are final and which take edits', () => {
    expect(POST_STATES.filter(isFinal)).toEqual(['PUBLISHED', 'REJECTED', 'CANCELLED']);
    expect(POST_STATES.filter(isEditable)).toEqual(['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'FAILED']);
  });
});

const step = (name: string, approvers: Partial<ApprovalStep['approvers']>, mode: 'ANY' | 'ALL' = 'ANY', minApprovals = 1): ApprovalStep => ({
  name,
  approvers: { roles: [], memberIds: [], clientApprovers: false, ...approvers },
  mode,
  minApprovals,
});

describe('approval chains', () => {
  const compliance = policyStep('COMPLIANCE', 'No rumours');
  const client = step('Client', { clientApprovers: true });
  const lead = step('Lead', { roles: ['APPROVER'] });

  it('puts the policy’s steps first, then each target’s chain in order, each step once', () => {
    expect(combineSteps([compliance], [[lead, client], [lead]]).map((s) => s.name)).toEqual(['Policy: No rumours', 'Lead', 'Client']);
    expect(combineSteps([], [[lead], [client, lead]]).map((s) => s.name)).toEqual(['Lead', 'Client']);
    expect(combineSteps([], [])).toEqual([]);
  });

  it('validates a chain step by step', () => {
    expect(validateChain(DEFAULT_CHAIN)).toEqual([]);
    expect(validateChain([])).toEqual(['A chain needs at least one step.']);
    expect(validateChain([step('', {})])).toEqual([
      'Step 1: give it a name of 1 to 80 characters.',
      'Step 1: say who approves (roles, people or the client’s approvers).',
    ]);
    expect(validateChain([step('Viewers', { roles: ['CLIENT_VIEWER'] }, 'ANY', 0)])).toEqual([
      'Step 1 (Viewers): a client viewer never approves.',
      'Step 1 (Viewers): the number of approvals is 1 to 20.',
    ]);
  });

  const post = { authorId: 'author', clientId: 'acme' };
  const member = (userId: string, role: ApprovalStep['approvers']['roles'][number], clientIds: string[] = []) => ({
    kind: 'member' as const,
    userId,
    role,
    clientIds,
  });

  it('keeps duties separate: never the author, never a viewer, a client approver only for their client and only on a client step', () => {
    expect(refusal(lead, member('author', 'APPROVER'), post)).toBe('The author of a post never approves it.');
    expect(refusal(lead, member('m', 'MEMBER'), post)).toBe('Your role does not approve posts.');
    expect(refusal(client, member('v', 'CLIENT_VIEWER', ['acme']), post)).toBe('Your role does not approve posts.');
    expect(refusal(client, member('c', 'CLIENT_APPROVER', ['globex']), post)).toBe('You approve only your own client’s posts.');
    expect(refusal(lead, member('c', 'CLIENT_APPROVER', ['acme']), post)).toBe('This step is not for the client’s approvers.');
    expect(refusal(client, member('c', 'CLIENT_APPROVER', ['acme']), post)).toBeNull();
    expect(refusal(lead, member('e', 'EDITOR'), post)).toBe('You are not one of this step’s approvers.');
    expect(refusal(step('Named', { memberIds: ['e'] }), member('e', 'EDITOR'), post)).toBeNull();
    expect(refusal(lead, member('a', 'APPROVER'), post)).toBeNull();
    expect(refusal(client, { kind: 'link', email: 'x@acme.com', clientId: 'acme' }, post)).toBeNull();
    expect(refusal(client, { kind: 'link', email: 'x@globex.com', clientId: 'globex' }, post)).toBe('This link is for another client’s posts.');
    expect(refusal(lead, { kind: 'link', email: 'x@acme.com', clientId: 'acme' }, post)).toBe('This step is not for the client’s approvers.');
  });

  it('completes ANY with enough distinct people, ALL with everyone required, and finds the current step', () => {
    const two = step('Two', { roles: ['APPROVER'] }, 'ANY', 2);
    const all = step('All', { memberIds: ['x', 'y'] }, 'ALL');
    const given = [
      { stepIndex: 0, userId: 'a', email: null },
      { stepIndex: 0, userId: 'a', email: null },
    ];
    expect(stepComplete(two, 0, given, [])).toBe(false);
    expect(stepComplete(two, 0, [...given, { stepIndex: 0, userId: 'b', email: null }], [])).toBe(true);
    expect(stepComplete(all, 1, [{ stepIndex: 1, userId: 'x', email: null }], ['x', 'y'])).toBe(false);
    expect(
      stepComplete(
        all,
        1,
        [
          { stepIndex: 1, userId: 'x', email: null },
          { stepIndex: 1, userId: 'y', email: null },
        ],
        ['x', 'y'],
      ),
    ).toBe(true);
    expect(stepComplete(step('Client', { clientApprovers: true }, 'ALL'), 0, [{ stepIndex: 0, userId: null, email: 'c@acme.com' }], ['email:c@acme.com'])).toBe(
      true,
    );
    expect(currentStep([lead, client], [{ stepIndex: 0, userId: 'a', email: null }], [[], []])).toBe(1);
    expect(currentStep([lead], [{ stepIndex: 0, userId: 'a', email: null }], [[]])).toBeNull();
  });

  it('counts a person once per post, whatever their roles', () => {
    const approvals = [{ stepIndex: 0, userId: 'a', email: null }];
    expect(alreadyCounted(member('a', 'OWNER'), approvals)).toBe(true);
    expect(alreadyCounted(member('b', 'OWNER'), approvals)).toBe(false);
    expect(alreadyCounted({ kind: 'link', email: 'c@acme.com', clientId: 'acme' }, [{ stepIndex: 1, userId: null, email: 'c@acme.com' }])).toBe(true);
  });
});
