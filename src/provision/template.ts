import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Parameter } from '@aws-sdk/client-cloudformation';
import type { ProvisionInputs } from './inputs';
import { repositoryNameFor } from './inputs';
import type { Network } from './network';

const BASELINE_TEMPLATE_FILE = 'strapi-baseline.yaml';

/**
 * The templates ship with the action, so each version carries its own. From source this is templates/; in
 * the bundle ncc copies them to dist/provision/templates/ and rewrites this path to the copy, which
 * `npm run check:dist` keeps equal to templates/.
 */
function templatesDirectory(): string {
  return path.resolve(__dirname, '..', '..', 'templates');
}

export function loadBaselineTemplate(directory: string = templatesDirectory()): string {
  return readFileSync(path.join(directory, BASELINE_TEMPLATE_FILE), 'utf8');
}

/** Every template parameter, explicitly: an update never silently keeps a stale previous value. */
export function baselineParameters(
  inputs: Omit<ProvisionInputs, 'region' | 'jobSummary' | 'waitMinutes' | 'allowReplacement' | 'imageUri'>,
  network: Network,
  /** Empty: the placeholder task definition. */
  imageUri: string,
): Parameter[] {
  const values: Record<string, string> = {
    VpcId: network.vpcId,
    SubnetIds: network.subnetIds.join(','),
    AllowedCidr: inputs.allowedCidr ?? '',
    EnableLoadBalancer: String(inputs.enableLoadBalancer),
    CertificateArn: inputs.certificateArn ?? '',
    DeploymentStrategy: inputs.deployments.strategy,
    BakeTimeMinutes: String(inputs.deployments.bakeTimeMinutes),
    CanaryPercent: String(inputs.deployments.canaryPercent),
    CanaryBakeTimeMinutes: String(inputs.deployments.canaryBakeMinutes),
    ImageUri: imageUri,
    RepositoryName: repositoryNameFor(inputs.stackName),
    MinCapacity: String(inputs.minCapacity),
    MaxCapacity: String(inputs.maxCapacity),
    DbInstanceClass: inputs.dbInstanceClass,
    GitHubRepository: inputs.githubRepository ?? '',
    GitHubEnvironment: inputs.githubEnvironment ?? '',
    CreateOidcProvider: String(inputs.createOidcProvider),
    EnvironmentName: inputs.environment ?? '',
    PromotionSourceStack: inputs.promotionSourceStack ?? '',
    PromotionSourceRepository: inputs.promotionSourceStack
      ? repositoryNameFor(inputs.promotionSourceStack)
      : '',
  };
  return Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}
