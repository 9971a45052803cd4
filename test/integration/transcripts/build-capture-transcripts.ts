/**
 * Writes recorded/civictechjobs-elb-unhealthy.json: a transcript built around a real capture, the
 * `aws ecs describe-services` output pasted in hackforla/CivicTechJobs issue 436 (2023-08-23), a
 * Fargate service behind an ALB whose new task failed its target group's health checks. What is real
 * and what is filled in is listed in test/fixtures/provenance.json ("transcripts") and in the file's
 * own `description`; the run's result is the engine's verdict on it (replayed, then written).
 *
 *   npx tsx test/integration/transcripts/build-capture-transcripts.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentReporter } from '../../../src/core/reporter';
import { TRANSCRIPT_FORMAT, type Transcript, type TranscriptEntry } from '../../../src/transcript';
import { runReplay } from '../../../src/use-cases/replay';

export const CIVICTECHJOBS_SOURCE = 'https://github.com/hackforla/CivicTechJobs/issues/436';

// Real: names, account, region, target group, deployment and task ids, event ids, texts and times.
const ACCOUNT = '035866691871';
const REGION = 'us-west-2';
const CLUSTER = 'incubator-prod';
const SERVICE = 'civictechjobs-fullstack-stage';
const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`;
const SERVICE_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${CLUSTER}/${SERVICE}`;
const TARGET_GROUP = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/civictechjobs-fullstack-stage/555a47e25c5a1850`;
const PREVIOUS_DEPLOYMENT = 'ecs-svc/0327562177077820032';
const FAILED_TASK = 'ca675154981d4ebd81b7a97747141a2e';
const SUBNETS = ['subnet-08c26edd1afc2b9d7', 'subnet-03202f3bf9a24c1a5'];

/** Event times as published (-07:00), in epoch seconds as the wire carries them. */
const t = (local: string): number => Date.parse(`2023-08-21T${local}-07:00`) / 1000;

interface Event {
  id: string;
  createdAt: number;
  message: string;
}

/** The published events, oldest first. */
const REAL_EVENTS: Event[] = [
  {
    id: '46ce6dfa-fdb0-4ca2-b832-9d1f4a5e2729',
    createdAt: t('21:07:38.271'),
    message: `(service ${SERVICE}, taskSet ${PREVIOUS_DEPLOYMENT}) has begun draining connections on 1 tasks.`,
  },
  {
    id: '191e0ae4-194e-41fd-970e-0b422515bb3e',
    createdAt: t('21:07:38.412'),
    message: `(service ${SERVICE}) deregistered 1 targets in (target-group ${TARGET_GROUP})`,
  },
  {
    id: 'cd9c3be5-bd98-42e9-b0c9-cfce4d1227ee',
    createdAt: t('21:20:47.975'),
    // The published excerpt breaks off after "(task ca675"; the id is the one the stop event names.
    message: `(service ${SERVICE}) has started 1 tasks: (task ${FAILED_TASK}).`,
  },
  {
    id: '7c5e3ed4-bba1-4261-8123-83c468bb1ec1',
    createdAt: t('21:21:16.359'),
    message: `(service ${SERVICE}) registered 1 targets in (target-group ${TARGET_GROUP})`,
  },
  {
    id: '02eceef2-24ff-4f64-bcfa-ca96ebbd1e10',
    createdAt: t('21:22:14.627'),
    message: `(service ${SERVICE}) (port 8000) is unhealthy in (target-group ${TARGET_GROUP}) due to (reason Health checks failed).`,
  },
];
/** Published text; its id and time are not in the excerpt (filled in: id invented, 16 s after the unhealthy event). */
const STOP_EVENT: Event = {
  id: 'filled-in-0000-4000-8000-000000000001',
  createdAt: t('21:22:30.000'),
  message: `(service ${SERVICE}) has stopped 1 running tasks: (task ${FAILED_TASK}).`,
};

// Filled in: everything below that the capture does not show.
const START = t('21:20:46.000');
const FAMILY = 'civictechjobs-fullstack-stage';
const PREVIOUS_TD = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${FAMILY}:41`;
const NEW_TD = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${FAMILY}:42`;
const NEW_DEPLOYMENT = 'ecs-svc/9000000000000000001';
const REPOSITORY = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/civictechjobs`;
const IMAGE = `${REPOSITORY}:stage-new`;

const taskDefinition = (arn: string, image: string, revision: number) => ({
  taskDefinitionArn: arn,
  family: FAMILY,
  revision,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
  containerDefinitions: [
    {
      name: 'civictechjobs-fullstack-stage',
      image,
      essential: true,
      portMappings: [{ containerPort: 8000, hostPort: 8000, protocol: 'tcp' }],
      environment: [],
    },
  ],
});

const deployment = (
  id: string,
  status: string,
  taskDefinitionArn: string,
  counts: { running: number; pending: number; failed: number },
  rolloutState: string,
  createdAt: number,
  updatedAt: number,
) => ({
  id,
  status,
  taskDefinition: taskDefinitionArn,
  desiredCount: 1,
  pendingCount: counts.pending,
  runningCount: counts.running,
  failedTasks: counts.failed,
  createdAt,
  updatedAt,
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  platformFamily: 'Linux',
  networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS, assignPublicIp: 'ENABLED' } },
  rolloutState,
  rolloutStateReason:
    rolloutState === 'COMPLETED' ? `ECS deployment ${id} completed.` : `ECS deployment ${id} in progress.`,
});

const previousDeployment = deployment(
  PREVIOUS_DEPLOYMENT,
  'PRIMARY',
  PREVIOUS_TD,
  { running: 1, pending: 0, failed: 0 },
  'COMPLETED',
  t('21:05:00.000'),
  t('21:08:10.000'),
);

/** The service as DescribeServices returns it, with the events up to `until` (newest first). */
function service(deployments: unknown[], until: number, extraEvents: Event[] = []) {
  const events = [...REAL_EVENTS, ...extraEvents].filter((e) => e.createdAt <= until).reverse();
  return {
    serviceArn: SERVICE_ARN,
    serviceName: SERVICE,
    clusterArn: CLUSTER_ARN,
    loadBalancers: [
      { targetGroupArn: TARGET_GROUP, containerName: 'civictechjobs-fullstack-stage', containerPort: 8000 },
    ],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: deployments.length > 1 ? 1 : 0,
    pendingCount: 0,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: (deployments[0] as { taskDefinition: string }).taskDefinition,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events,
    createdAt: Date.parse('2022-11-08T13:31:00.650-08:00') / 1000, // as published
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS, assignPublicIp: 'ENABLED' } },
    healthCheckGracePeriodSeconds: 0,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}

const at = (seconds: number): number => Math.round((seconds - START) * 1000);
const ecs = (operation: string, input: unknown, output: unknown, time: number): TranscriptEntry => ({
  service: 'ecs',
  operation,
  input,
  output,
  at: at(time),
});
const describe = { cluster: CLUSTER, services: [SERVICE] };

function newDeployment(running: number, pending: number, failed: number, updatedAt: number) {
  return deployment(
    NEW_DEPLOYMENT,
    'PRIMARY',
    NEW_TD,
    { running, pending, failed },
    'IN_PROGRESS',
    START,
    updatedAt,
  );
}
const activePrevious = { ...previousDeployment, status: 'ACTIVE' };
const failedTaskArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${CLUSTER}/${FAILED_TASK}`;

function entries(): TranscriptEntry[] {
  const registered = taskDefinition(NEW_TD, IMAGE, 42);
  return [
    ecs(
      'DescribeServices',
      describe,
      { services: [service([previousDeployment], START)], failures: [] },
      START,
    ),
    ecs(
      'DescribeTaskDefinition',
      { taskDefinition: PREVIOUS_TD, include: ['TAGS'] },
      { taskDefinition: taskDefinition(PREVIOUS_TD, `${REPOSITORY}:stage-previous`, 41), tags: [] },
      START,
    ),
    ecs('RegisterTaskDefinition', 'FILLED_BY_BUILD', { taskDefinition: registered, tags: [] }, START),
    ecs(
      'UpdateService',
      { cluster: CLUSTER, service: SERVICE, taskDefinition: NEW_TD, forceNewDeployment: false },
      { service: service([newDeployment(0, 0, 0, START), activePrevious], START) },
      START,
    ),
    // The polls, as the service was at each published event.
    ...[
      { time: t('21:20:48.500'), deployment: newDeployment(0, 1, 0, t('21:20:47.975')) },
      { time: t('21:21:17.000'), deployment: newDeployment(1, 0, 0, t('21:21:16.359')) },
      { time: t('21:22:15.000'), deployment: newDeployment(1, 0, 0, t('21:21:16.359')) },
      { time: t('21:22:31.000'), deployment: newDeployment(0, 0, 0, t('21:22:30.000')), stop: true },
    ].map((poll) =>
      ecs(
        'DescribeServices',
        describe,
        {
          services: [service([poll.deployment, activePrevious], poll.time, poll.stop ? [STOP_EVENT] : [])],
          failures: [],
        },
        poll.time,
      ),
    ),
    ecs(
      'ListTasks',
      { cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' },
      { taskArns: [failedTaskArn] },
      t('21:22:31.000'),
    ),
    ecs(
      'DescribeTasks',
      { cluster: CLUSTER, tasks: [failedTaskArn] },
      {
        tasks: [
          {
            taskArn: failedTaskArn,
            clusterArn: CLUSTER_ARN,
            taskDefinitionArn: NEW_TD,
            startedBy: NEW_DEPLOYMENT,
            group: `service:${SERVICE}`,
            lastStatus: 'DEACTIVATING',
            desiredStatus: 'STOPPED',
            launchType: 'FARGATE',
            createdAt: t('21:20:47.900'),
            startedAt: t('21:21:15.000'),
            stoppingAt: t('21:22:30.000'),
            stopCode: 'ServiceSchedulerInitiated',
            // The text ECS gives such a stop (AWS Copilot output and convox docs quoted in sim/load-balancer.ts).
            stoppedReason: `Task failed ELB health checks in (target-group ${TARGET_GROUP})`,
            containers: [
              {
                name: 'civictechjobs-fullstack-stage',
                image: IMAGE,
                lastStatus: 'RUNNING',
                taskArn: failedTaskArn,
              },
            ],
            attachments: [],
          },
        ],
        failures: [],
      },
      t('21:22:31.000'),
    ),
    ecs(
      'TagResource',
      { resourceArn: NEW_TD, tags: [{ key: 'deploy-result', value: 'failure' }] },
      {},
      t('21:22:31.000'),
    ),
  ];
}

async function main(): Promise<void> {
  const transcript: Transcript = {
    format: TRANSCRIPT_FORMAT,
    source: CIVICTECHJOBS_SOURCE,
    description:
      'Built around a real capture: the describe-services output pasted in hackforla/CivicTechJobs issue 436 (service ' +
      `${SERVICE}, us-west-2, 2023-08-21): its names, account, target group, deployment and task ids and its service events ` +
      '(ids, texts, times) are as published. Filled in (not in the capture): the deployments[] blocks and counts, the task ' +
      'definitions, RegisterTaskDefinition, UpdateService, ListTasks, DescribeTasks (stoppedReason in the text ECS gives ' +
      "such stops), TagResource, the stop event's id and time, and the run's inputs. See test/fixtures/provenance.json.",
    startedAt: new Date(START * 1000).toISOString(),
    region: REGION,
    run: {
      command: 'deploy-service',
      inputs: {
        cluster: CLUSTER,
        service: SERVICE,
        'image-uri': IMAGE,
        'max-task-failures': '1',
        'rollback-on-failure': 'false',
        'job-summary': 'false',
      },
    },
    entries: entries(),
  };
  // RegisterTaskDefinition's input is what the engine renders: take it from a first replay.
  const first = await runReplay(transcript, { reporter: silentReporter });
  const rendered = first.replayer.served.find((e) => e.operation === 'RegisterTaskDefinition');
  if (!rendered)
    throw new Error(`no RegisterTaskDefinition served: ${first.error ?? first.divergences.join('; ')}`);
  const registerIndex = transcript.entries.findIndex((e) => e.operation === 'RegisterTaskDefinition');
  const asked = first.divergences.length ? undefined : rendered.input;
  transcript.entries[registerIndex] = { ...rendered, input: asked ?? lastRegisterInput(first.divergences) };
  // One entry per call the engine makes, at the time it makes it: a read answered twice is written twice.
  const second = await runReplay(transcript, { reporter: silentReporter });
  transcript.entries = second.replayer.served.map((entry, i) => ({
    ...entry,
    at: second.replayer.servedAt[i] ?? entry.at,
  }));
  const outcome = await runReplay(transcript, { reporter: silentReporter });
  if (outcome.divergences.length || !outcome.result)
    throw new Error(
      `the transcript does not replay cleanly: ${[outcome.error, ...outcome.divergences].join('; ')}`,
    );
  transcript.result = { verdict: outcome.result.verdict, reason: outcome.result.reason };
  writeFileSync(
    join(__dirname, 'recorded', 'civictechjobs-elb-unhealthy.json'),
    `${JSON.stringify(transcript, null, 2)}\n`,
  );
  console.log(
    `civictechjobs-elb-unhealthy.json: ${transcript.entries.length} calls, ${outcome.result.verdict}: ${outcome.result.reason}`,
  );
}

/** The request body the engine sent, from the replayer's "was never recorded" divergence. */
function lastRegisterInput(divergences: string[]): unknown {
  const line = divergences.find((d) => d.includes('RegisterTaskDefinition'));
  const json = line && /with input (\{.*\}) was never recorded/.exec(line)?.[1];
  if (!json) throw new Error(`RegisterTaskDefinition input not found in: ${divergences.join('; ')}`);
  return JSON.parse(json) as unknown;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
