import { ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/core/errors';
import type { ReleaseRecord } from '../../../src/release-history';
import { parseTargetSpec, resolveRollbackTarget, imageMatches } from '../../../src/rollback';
import { arn, FAMILY, mockFamily, type RevisionSpec } from './ecs-family';

const sha = (digit: string): string => digit.repeat(40);
const DIGEST3 = `sha256:${'3'.repeat(64)}`;

/**
 * The family as ECS holds it: revisions this tool registered (`git-sha`, `run-id`, and the
 * `deploy-result` written once the verdict was in), one untagged, one INACTIVE.
 */
const TAGGED: RevisionSpec[] = [
  { revision: 1, image: ':v1' },
  { revision: 2, image: ':v2', gitSha: sha('2'), result: 'success', status: 'INACTIVE' },
  { revision: 3, image: `:v3@${DIGEST3}`, gitSha: sha('3'), result: 'success' },
  { revision: 4, image: ':v4', gitSha: sha('4'), result: 'failure' },
  { revision: 5, image: ':v5', gitSha: sha('5'), result: 'success' },
  { revision: 6, image: ':v6', gitSha: sha('6'), result: 'success' },
  { revision: 9, image: ':other', family: 'another-app' },
];
/**
 * The deploy of 7 was cancelled (or its run died) before a verdict: tagged as ours, but no
 * `deploy-result`. 8 was deployed after it and is what runs.
 */
const WITH_CANCELLED: RevisionSpec[] = [
  ...TAGGED,
  { revision: 7, image: ':v7', gitSha: sha('7') },
  { revision: 8, image: ':v8', gitSha: sha('8'), result: 'success' },
];
/** A release whose image tag is a number: `strapi:42` reads like family:revision but names no family here. */
const NUMBERED_IMAGE: RevisionSpec[] = [
  ...TAGGED,
  { revision: 7, image: ':42', gitSha: sha('7'), result: 'success' },
];
/** Only a revision registered by hand, and one of ours whose run never got a verdict. */
const ONLY_UNKNOWN: RevisionSpec[] = [
  { revision: 1, image: ':v1' },
  { revision: 2, image: ':v2', gitSha: sha('2') },
  { revision: 3, image: ':v3', gitSha: sha('3'), result: 'success' },
];
/** The same family registered by hand: no tags at all. */
const UNTAGGED: RevisionSpec[] = TAGGED.map(({ revision, image, status, family }) => ({
  revision,
  image,
  status,
  family,
}));

function github(
  revision: number,
  outcome: ReleaseRecord['outcome'],
  gitSha: string,
  image = `repo/strapi:v${revision}`,
): ReleaseRecord {
  return {
    source: 'github-deployments',
    kind: 'deploy',
    taskDefinitionArn: arn(revision),
    family: FAMILY,
    revision,
    outcome,
    gitSha,
    image,
  };
}

/** GitHub knows that 5 failed (the circuit breaker put 3 back) and that 6 is live. */
const HISTORY: ReleaseRecord[] = [
  github(6, 'success', sha('6')),
  github(5, 'failure', sha('5')),
  github(3, 'success', sha('3')),
];
/** The last deploy (7) failed and ECS rolled back to 6, which is what runs now. */
const AFTER_FAILED_DEPLOY: ReleaseRecord[] = [github(7, 'failure', sha('7')), ...HISTORY];
/** Two commits sharing a 7-character prefix, and a release whose revision was deleted since. */
const TRICKY: ReleaseRecord[] = [
  github(6, 'success', sha('6')),
  github(5, 'success', `abcdef1${'5'.repeat(33)}`),
  github(3, 'success', `abcdef1${'3'.repeat(33)}`),
  github(8, 'success', `deadbee${'8'.repeat(33)}`),
];

type Expected = { revision: number; resolvedBy: string; inactive?: boolean; note?: RegExp } | RegExp;

const table: [string, string, ReleaseRecord[] | undefined, RevisionSpec[], number, Expected][] = [
  // name, to, GitHub history (undefined = not available), ECS family, current revision, expected
  [
    'previous from GitHub skips the failed 5',
    'previous',
    HISTORY,
    TAGGED,
    6,
    { revision: 3, resolvedBy: 'github-deployments' },
  ],
  [
    'previous after a failed deploy ECS rolled back',
    'previous',
    AFTER_FAILED_DEPLOY,
    TAGGED,
    6,
    { revision: 3, resolvedBy: 'github-deployments' },
  ],
  [
    'previous when what runs (4, set by hand) was never recorded: never forward to 6',
    'previous',
    HISTORY,
    TAGGED,
    4,
    { revision: 3, resolvedBy: 'github-deployments' },
  ],
  [
    'previous without GitHub: newest older tagged revision',
    'previous',
    undefined,
    TAGGED,
    6,
    { revision: 5, resolvedBy: 'ecs-tags' },
  ],
  [
    'previous with an empty GitHub history falls back to tags',
    'previous',
    [],
    TAGGED,
    6,
    { revision: 5, resolvedBy: 'ecs-tags' },
  ],
  [
    'previous via tags skips a revision tagged deploy-result=failure',
    'previous',
    undefined,
    TAGGED,
    5,
    { revision: 3, resolvedBy: 'ecs-tags' },
  ],
  [
    'previous via tags skips an own revision without deploy-result (no verdict: unknown)',
    'previous',
    undefined,
    WITH_CANCELLED,
    8,
    { revision: 6, resolvedBy: 'ecs-tags' },
  ],
  [
    'previous via tags never picks an unknown own revision, even when it is the only tagged one before',
    'previous',
    undefined,
    ONLY_UNKNOWN,
    3,
    { revision: 1, resolvedBy: 'ecs-revisions' },
  ],
  [
    'previous with no tags: the family revision before',
    'previous',
    undefined,
    UNTAGGED,
    6,
    { revision: 5, resolvedBy: 'ecs-revisions' },
  ],
  [
    'previous of the first revision refuses',
    'previous',
    undefined,
    UNTAGGED,
    1,
    /No release before strapi-production:1/,
  ],
  ['revision number', '3', HISTORY, TAGGED, 6, { revision: 3, resolvedBy: 'task-definition' }],
  [
    'INACTIVE revision number is re-registered',
    '2',
    undefined,
    TAGGED,
    6,
    { revision: 2, resolvedBy: 'task-definition', inactive: true },
  ],
  [
    'unknown revision refuses',
    '42',
    HISTORY,
    TAGGED,
    6,
    /not found: task definition strapi-production:42 does not exist/,
  ],
  [
    'the running revision refuses',
    '6',
    HISTORY,
    TAGGED,
    6,
    /strapi-production:6 .* is already the revision the service runs/,
  ],
  [
    'family:revision, as the console prints it',
    `${FAMILY}:3`,
    HISTORY,
    TAGGED,
    6,
    { revision: 3, resolvedBy: 'task-definition' },
  ],
  [
    'family:revision of an INACTIVE revision is re-registered',
    `${FAMILY}:2`,
    undefined,
    TAGGED,
    6,
    { revision: 2, resolvedBy: 'task-definition', inactive: true },
  ],
  [
    'family:revision that does not exist refuses',
    `${FAMILY}:42`,
    undefined,
    TAGGED,
    6,
    /not found: task definition strapi-production:42 does not exist/,
  ],
  [
    'family:revision of another name is an image tag that is a number',
    'strapi:42',
    undefined,
    NUMBERED_IMAGE,
    6,
    { revision: 7, resolvedBy: 'ecs-tags' },
  ],
  [
    'family:revision of another family (and no image of that name) refuses',
    'another-app:9',
    undefined,
    TAGGED,
    6,
    /"another-app:9" names family "another-app", but the service runs family "strapi-production"/,
  ],
  ['task definition ARN', arn(5), undefined, TAGGED, 6, { revision: 5, resolvedBy: 'task-definition' }],
  [
    'ARN of another family refuses',
    arn(9, 'another-app'),
    undefined,
    TAGGED,
    6,
    /belongs to family "another-app", but the service runs family "strapi-production"/,
  ],
  ['ARN that does not exist refuses', arn(77), undefined, TAGGED, 6, /strapi-production:77 does not exist/],
  ['git SHA from GitHub', '3333333', HISTORY, TAGGED, 6, { revision: 3, resolvedBy: 'github-deployments' }],
  [
    'git SHA from ECS tags without GitHub',
    sha('5'),
    undefined,
    TAGGED,
    6,
    { revision: 5, resolvedBy: 'ecs-tags' },
  ],
  [
    'git SHA of an INACTIVE revision',
    '2222222',
    undefined,
    TAGGED,
    6,
    { revision: 2, resolvedBy: 'ecs-tags', inactive: true },
  ],
  [
    'git SHA whose rollout failed: allowed, with a note',
    '4444444',
    undefined,
    TAGGED,
    6,
    { revision: 4, resolvedBy: 'ecs-tags', note: /last recorded rollout of strapi-production:4 failed/ },
  ],
  ['unknown git SHA refuses', 'abcdef1', HISTORY, TAGGED, 6, /git SHA abcdef1 not found/],
  ['git SHA that is running refuses', '6666666', HISTORY, TAGGED, 6, /already the revision the service runs/],
  ['ambiguous git SHA prefix refuses', 'abcdef1', TRICKY, TAGGED, 6, /git SHA abcdef1 is ambiguous/],
  [
    'git SHA of a deleted revision refuses',
    'deadbee',
    TRICKY,
    TAGGED,
    6,
    /resolved to strapi-production:8 \(from github-deployments\), but that task definition revision no longer exists/,
  ],
  ['image tag from GitHub', 'v3', HISTORY, TAGGED, 6, { revision: 3, resolvedBy: 'github-deployments' }],
  ['image tag from ECS tags', 'v5', undefined, TAGGED, 6, { revision: 5, resolvedBy: 'ecs-tags' }],
  [
    'image tag of an untagged revision',
    'v1',
    undefined,
    TAGGED,
    6,
    { revision: 1, resolvedBy: 'ecs-revisions' },
  ],
  ['image digest', DIGEST3, undefined, TAGGED, 6, { revision: 3, resolvedBy: 'ecs-tags' }],
  [
    'image reference without registry',
    'strapi:v5',
    undefined,
    UNTAGGED,
    6,
    { revision: 5, resolvedBy: 'ecs-revisions' },
  ],
  [
    'unknown image refuses (nothing is built)',
    'v99',
    HISTORY,
    TAGGED,
    6,
    /image v99 not found.*Nothing is built/,
  ],
];

describe('resolving the rollback target', () => {
  const ecsMock = mockClient(ECSClient);
  afterEach(() => ecsMock.reset());

  test.each(table)('%s (to: %s)', async (_name, to, githubReleases, family, currentRevision, expected) => {
    mockFamily(ecsMock, family);
    const resolving = resolveRollbackTarget(new ECSClient({}), {
      spec: parseTargetSpec(to),
      current: { taskDefinitionArn: arn(currentRevision), family: FAMILY, revision: currentRevision },
      githubReleases,
      environment: 'production',
    });
    if (expected instanceof RegExp) {
      await expect(resolving).rejects.toThrow(ConfigurationError);
      await expect(resolving).rejects.toThrow(expected);
      return;
    }
    const target = await resolving;
    expect([target.revision, target.resolvedBy, target.inactive]).toEqual([
      expected.revision,
      expected.resolvedBy,
      expected.inactive ?? false,
    ]);
    expect(target.taskDefinitionArn).toBe(arn(expected.revision));
    if (expected.note) expect(target.notes.join('\n')).toMatch(expected.note);
    else expect(target.notes).toEqual([]);
  });

  test('GitHub history is enough: ECS revisions are not listed when GitHub names the target', async () => {
    mockFamily(ecsMock, TAGGED);
    await resolveRollbackTarget(new ECSClient({}), {
      spec: parseTargetSpec('previous'),
      current: { taskDefinitionArn: arn(6), family: FAMILY, revision: 6 },
      githubReleases: HISTORY,
    });
    expect(ecsMock.commandCalls(ListTaskDefinitionsCommand)).toHaveLength(0);
  });
});

describe('reading `to`', () => {
  test.each([
    ['previous', { kind: 'previous' }],
    ['', { kind: 'previous' }],
    ['12', { kind: 'revision', revision: 12 }],
    ['999999', { kind: 'revision', revision: 999999 }],
    ['1234567', { kind: 'git-sha', sha: '1234567' }],
    [arn(4), { kind: 'arn', arn: arn(4), family: FAMILY, revision: 4 }],
    ['3F9C2A1', { kind: 'git-sha', sha: '3f9c2a1' }],
    ['v1.4.2', { kind: 'image', image: 'v1.4.2' }],
    ['strapi:3', { kind: 'family-revision', family: 'strapi', revision: 3, text: 'strapi:3' }],
    ['strapi:v3', { kind: 'image', image: 'strapi:v3' }],
    [DIGEST3, { kind: 'image', image: DIGEST3 }],
  ])('%s', (to, spec) => {
    expect(parseTargetSpec(to)).toEqual(spec);
  });

  test.each([
    ['0', /revision numbers start at 1/],
    ['arn:aws:ecs:ap-south-1:123456789012:service/prod/cms', /is not a task definition ARN/],
  ])('%s is refused', (to, message) => {
    expect(() => parseTargetSpec(to)).toThrow(message);
  });

  test.each([
    [`${'r'}/strapi:v3`, 'v3', true],
    ['r/strapi:v3', 'v30', false],
    [`r/strapi:v3@${DIGEST3}`, DIGEST3, true],
    [`r/strapi:v3@${DIGEST3}`, 'v3', true],
    ['localhost:5000/strapi', '5000', false],
    ['123.dkr.ecr/strapi:v3', 'strapi:v3', true],
    ['123.dkr.ecr/notstrapi:v3', 'strapi:v3', false],
  ])('image %s matches %s: %s', (image, wanted, matches) => {
    expect(imageMatches(image, wanted)).toBe(matches);
  });
});
