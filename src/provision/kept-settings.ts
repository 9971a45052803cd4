import type { KeyValuePair, Secret } from '@aws-sdk/client-ecs';

/** Marker comments closing the Strapi container's Environment and Secrets lists in the template. */
export const KEPT_ENVIRONMENT_MARKER = '# strapi-deploy:kept-environment';
export const KEPT_SECRETS_MARKER = '# strapi-deploy:kept-secrets';

/**
 * Variables earlier templates set that this one dropped on purpose: a running revision still carries them,
 * and keeping them would bring them back (DATABASE_SSL_REJECT_UNAUTHORIZED=false turned TLS verification off).
 */
export const RETIRED_VARIABLES = ['WHOAMI_PORT_NUMBER', 'DATABASE_SSL_REJECT_UNAUTHORIZED'];

export interface KeptSettings {
  templateBody: string;
  /** Names of the running revision's variables and secrets added to the template's task definition. */
  environment: string[];
  secrets: string[];
}

interface ListAtMarker {
  markerLine: number;
  indent: string;
  /** Names the template itself sets in that list. */
  names: Set<string>;
}

function listAtMarker(lines: string[], marker: string, listKey: string): ListAtMarker {
  const markerLine = lines.findIndex((l) => l.trim().startsWith(marker));
  if (markerLine < 0) throw new Error(`The template has no "${marker}" line.`);
  let start = markerLine - 1;
  while (start >= 0 && lines[start]!.trim() !== `${listKey}:`) start -= 1;
  if (start < 0) throw new Error(`"${marker}" is not inside a ${listKey} list.`);
  const names = new Set<string>();
  for (const line of lines.slice(start + 1, markerLine)) {
    const name = /Name: *['"]?([^'",}\s]+)/.exec(line)?.[1];
    if (name) names.add(name);
  }
  return { markerLine, indent: /^\s*/.exec(lines[markerLine]!)![0], names };
}

/**
 * The template with the running revision's extra variables and secrets (those a deploy added with
 * `environment-variables` / `secrets`) appended to the Strapi container, so that an update of the task
 * definition keeps them. A name the template sets itself keeps the template's value; retired names are dropped.
 * Values are written as JSON strings, which YAML reads as double-quoted scalars: no value can break out.
 */
export function keepRunningSettings(
  templateBody: string,
  running: { environment: readonly KeyValuePair[]; secrets: readonly Secret[] },
): KeptSettings {
  const lines = templateBody.split('\n');
  const env = listAtMarker(lines, KEPT_ENVIRONMENT_MARKER, 'Environment');
  const sec = listAtMarker(lines, KEPT_SECRETS_MARKER, 'Secrets');
  const keep = (name: string | undefined, list: ListAtMarker): name is string =>
    !!name && !list.names.has(name) && !RETIRED_VARIABLES.includes(name);

  const keptEnvironment = running.environment.filter((e) => keep(e.name, env));
  const keptSecrets = running.secrets.filter((s) => keep(s.name, sec));
  const json = (value: string | undefined) => JSON.stringify(value ?? '');
  const insertions: [number, string[]][] = [
    [
      sec.markerLine,
      keptSecrets.map((s) => `${sec.indent}- { Name: ${json(s.name)}, ValueFrom: ${json(s.valueFrom)} }`),
    ],
    [
      env.markerLine,
      keptEnvironment.map((e) => `${env.indent}- { Name: ${json(e.name)}, Value: ${json(e.value)} }`),
    ],
  ];
  // Bottom-up, so the earlier marker's line number stays valid.
  for (const [at, added] of insertions.sort((a, b) => b[0] - a[0])) lines.splice(at, 0, ...added);
  return {
    templateBody: lines.join('\n'),
    environment: keptEnvironment.map((e) => e.name!),
    secrets: keptSecrets.map((s) => s.name!),
  };
}
