import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { renderCompletion } from '../../../src/cli/completion';
import { GLOBAL_OPTIONS } from '../../../src/cli/options';
import { describeIfAvailable, missingCommand } from '../../support/components';
import { memoryIo } from '../../support/memory-io';

const BASH = renderCompletion('bash', COMMANDS, GLOBAL_OPTIONS);
const ZSH = renderCompletion('zsh', COMMANDS, GLOBAL_OPTIONS);

/** What bash offers after typing `line` (the cursor at its end), with the generated script loaded. */
function bashComplete(line: string): string[] {
  const program = [
    BASH,
    `COMP_WORDS=(${line
      .split(' ')
      .map((w) => `'${w}'`)
      .join(' ')})`,
    'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
    '_strapi_deploy',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('completion scripts are generated from the option specs', () => {
  test.each(['bash', 'zsh'])('strapi-deploy completion %s prints the script', async (shell) => {
    const io = memoryIo();
    expect(await main(['completion', shell], io)).toBe(0);
    expect(io.stdout.text).toBe(shell === 'bash' ? BASH : ZSH);
  });

  test.each(COMMANDS.flatMap((c) => c.options.map((o) => [c.name, o.flag] as const)))(
    '%s --%s is in both scripts',
    (_command, flag) => {
      expect(BASH).toContain(`--${flag}`);
      expect(ZSH).toContain(`--${flag}[`);
    },
  );
});

describeIfAvailable(missingCommand('bash'))('bash completes what the parser accepts', () => {
  test('the script is valid bash', () => {
    expect(() => execFileSync('bash', ['-n'], { input: BASH })).not.toThrow();
  });

  test.each<[string, string[]]>([
    [
      'strapi-deploy ',
      [
        ...COMMANDS.map((c) => c.name),
        '--region',
        '--profile',
        '--json',
        '--verbose',
        '--record',
        '--help',
        '-h',
      ],
    ],
    ['strapi-deploy ro', ['rollback']],
    ['strapi-deploy deploy --im', ['--image']],
    ['strapi-deploy --json status --ev', ['--events']],
    ['strapi-deploy --region eu-west-1 rollback --re', ['--revision', '--region', '--record']],
    ['strapi-deploy sim --timing ', ['fast', 'realistic']],
    [
      'strapi-deploy completion ',
      ['bash', 'zsh', '--region', '--profile', '--json', '--verbose', '--record', '--help', '-h'],
    ],
    ['strapi-deploy deploy --cluster ', []],
  ])('%j', (line, offered) => {
    expect(bashComplete(line)).toEqual(offered);
  });
});

describeIfAvailable(missingCommand('zsh'))('zsh', () => {
  test('the script is valid zsh', () => {
    expect(() => execFileSync('zsh', ['-n'], { input: ZSH })).not.toThrow();
  });

  test('sourced after compinit, it registers the completion function for strapi-deploy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zsh-completion-'));
    try {
      writeFileSync(join(dir, '_strapi-deploy'), ZSH);
      const program = `autoload -U compinit; compinit -u -D; source ${join(dir, '_strapi-deploy')}; print -r -- $_comps[strapi-deploy]`;
      const out = execFileSync('zsh', ['-f', '-c', program], {
        encoding: 'utf8',
        env: { ...process.env, HOME: dir },
      });
      expect(out.trim()).toBe('_strapi_deploy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
