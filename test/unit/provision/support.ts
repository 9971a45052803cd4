import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../../src/core/clock';
import type { ProvisionRequest } from '../../../src/provision/provision';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'cloudformation');
const DATE_KEYS = new Set(['CreationTime', 'Timestamp', 'LastUpdatedTime', 'DeletionTime']);

/** A hand-written CloudFormation response (test/fixtures/provenance.json), with timestamps revived as the SDK returns them (Date). */
export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'), (key, value: unknown) =>
    DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as T;
}

/** A clock whose sleep only moves virtual time forward. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = Date.parse('2026-11-30T09:12:00Z')) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The inputs both the mocked suites and the moto suite provision with: defaults, plus a GitHub deploy role. */
export const BASE_PROVISION_REQUEST: Omit<
  ProvisionRequest,
  'stackName' | 'templateBody' | 'waitMinutes' | 'pollMs'
> = {
  subnetIds: [],
  enableLoadBalancer: false,
  deployments: { strategy: 'ROLLING', bakeTimeMinutes: 10, canaryPercent: 10, canaryBakeMinutes: 5 },
  minCapacity: 1,
  maxCapacity: 2,
  dbInstanceClass: 'db.t3.micro',
  githubRepository: 'acme/site',
  githubEnvironment: 'production',
  createOidcProvider: true,
  allowReplacement: false,
};
