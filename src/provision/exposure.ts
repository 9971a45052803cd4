import type { ProvisionInputs } from './inputs';

/**
 * What the chosen ingress exposes, in words for the log and the job summary. A world-open CIDR is a
 * warning: a fresh Strapi shows "create the first administrator" to whoever reaches it first.
 */
export function describeExposure(
  inputs: Pick<ProvisionInputs, 'allowedCidr' | 'enableLoadBalancer' | 'certificateArn'>,
): { warnings: string[]; notes: string[] } {
  const { allowedCidr, enableLoadBalancer, certificateArn } = inputs;
  if (allowedCidr === undefined) {
    return {
      warnings: [],
      notes: [
        enableLoadBalancer
          ? 'Ingress closed: the load balancer accepts nobody until `allowed-cidr` is set; the tasks accept only the load balancer.'
          : 'Ingress closed: nobody can reach port 1337 until `allowed-cidr` is set (or `enable-load-balancer: true` with an `allowed-cidr`).',
      ],
    };
  }
  const worldOpen = allowedCidr.endsWith('/0');
  const front = enableLoadBalancer
    ? `the load balancer (${certificateArn ? 'HTTPS, HTTP redirects' : 'plain HTTP'}; the tasks accept only the load balancer)`
    : 'port 1337 of the tasks (plain HTTP, no load balancer)';
  if (!worldOpen) return { warnings: [], notes: [`Ingress: ${front} from ${allowedCidr} only.`] };
  const advice =
    enableLoadBalancer && certificateArn
      ? 'Create the first Strapi administrator right after the first deploy.'
      : 'Until the first Strapi administrator exists, anyone reaching it can create one, and credentials travel unencrypted: prefer `enable-load-balancer: true` with `certificate-arn`, or a narrower `allowed-cidr`.';
  return {
    warnings: [`\`allowed-cidr\` ${allowedCidr} opens ${front} to the whole internet. ${advice}`],
    notes: [],
  };
}
