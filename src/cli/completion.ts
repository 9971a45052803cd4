import type { CommandSpec } from './command';
import type { OptionSpec } from './options';

/**
 * Shell completion scripts generated from the same option specs as the parser and `--help`, so a
 * flag added to a command is completed without anyone editing a script. `strapi-deploy completion
 * bash|zsh` prints one.
 */
export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

export function renderCompletion(
  shell: Shell,
  commands: readonly CommandSpec[],
  globals: readonly OptionSpec[],
): string {
  return shell === 'bash' ? renderBash(commands, globals) : renderZsh(commands, globals);
}

const words = (specs: readonly OptionSpec[]): string[] =>
  specs.flatMap((s) => [`--${s.flag}`, ...(s.short ? [`-${s.short}`] : [])]);

function renderBash(commands: readonly CommandSpec[], globals: readonly OptionSpec[]): string {
  const all = [...globals, ...commands.flatMap((c) => c.options)];
  const valued = [...new Set(all.filter((s) => s.type === 'string').map((s) => `--${s.flag}`))];
  const withChoices = new Map<string, readonly string[]>();
  for (const spec of all) if (spec.choices) withChoices.set(`--${spec.flag}`, spec.choices);
  const files = [...new Set(all.filter((s) => s.value === 'PATH').map((s) => `--${s.flag}`))];
  const free = valued.filter((f) => !withChoices.has(f) && !files.includes(f));
  const globalWords = words(globals).join(' ');
  return [
    '# bash completion for strapi-deploy, generated from its option specs (strapi-deploy completion bash).',
    '# Load it with: source <(strapi-deploy completion bash)',
    '_strapi_deploy() {',
    '  local cur prev command i',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  command=""',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in',
    `      ${valued.join('|')}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) command="${COMP_WORDS[i]}"; break ;;',
    '    esac',
    '  done',
    '  case "$prev" in',
    ...[...withChoices].map(
      ([flag, choices]) =>
        `    ${flag}) COMPREPLY=($(compgen -W "${choices.join(' ')}" -- "$cur")); return ;;`,
    ),
    ...(files.length ? [`    ${files.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`] : []),
    ...(free.length ? [`    ${free.join('|')}) COMPREPLY=(); return ;;`] : []),
    '  esac',
    '  case "$command" in',
    `    "") COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} ${globalWords}" -- "$cur")) ;;`,
    ...commands.map((c) => {
      const choices = (c.arguments ?? []).flatMap((a) => a.choices ?? []);
      const list = [...choices, ...words(c.options), globalWords].join(' ');
      return `    ${c.name}) COMPREPLY=($(compgen -W "${list}" -- "$cur")) ;;`;
    }),
    '  esac',
    '}',
    'complete -o default -F _strapi_deploy strapi-deploy',
    '',
  ].join('\n');
}

/** A description inside zsh's `[...]`, in a single-quoted word. */
function zshText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[[\]:]/g, (c) => `\\${c}`)
    .replace(/'/g, `'\\''`);
}

function zshSpec(spec: OptionSpec): string[] {
  const repeat = spec.multiple ? '*' : '';
  let value = '';
  if (spec.type === 'string') {
    const action = spec.choices ? `(${spec.choices.join(' ')})` : spec.value === 'PATH' ? '_files' : ' ';
    value = `:${zshText(spec.value ?? 'value')}:${action}`;
  }
  const description = zshText(spec.description);
  return [
    `'${repeat}--${spec.flag}[${description}]${value}'`,
    ...(spec.short ? [`'-${spec.short}[${description}]${value}'`] : []),
  ];
}

function renderZsh(commands: readonly CommandSpec[], globals: readonly OptionSpec[]): string {
  const globalSpecs = globals.flatMap(zshSpec);
  return [
    '#compdef strapi-deploy',
    '# zsh completion for strapi-deploy, generated from its option specs (strapi-deploy completion zsh).',
    '# Load it with: source <(strapi-deploy completion zsh), or save it as _strapi-deploy on your $fpath.',
    '_strapi_deploy() {',
    '  local context state state_descr line',
    '  typeset -A opt_args',
    '  local -a globals commands',
    `  globals=(${globalSpecs.join(' ')})`,
    `  commands=(${commands.map((c) => `'${c.name}:${zshText(c.summary)}'`).join(' ')})`,
    "  _arguments -C $globals '1:command:->command' '*::argument:->argument' && return",
    '  case $state in',
    "    command) _describe -t commands 'strapi-deploy command' commands ;;",
    '    argument)',
    '      case $words[1] in',
    ...commands.map((c) => {
      const args = (c.arguments ?? []).map(
        (a, i) => `'${i + 1}:${zshText(a.name)}:${a.choices ? `(${a.choices.join(' ')})` : '_files'}'`,
      );
      return `        ${c.name}) _arguments $globals ${[...c.options.flatMap(zshSpec), ...args].join(' ')} ;;`;
    }),
    '      esac',
    '      ;;',
    '  esac',
    '}',
    'if [[ $zsh_eval_context[-1] == loadautoload ]]; then',
    '  _strapi_deploy "$@"',
    'else',
    '  compdef _strapi_deploy strapi-deploy',
    'fi',
    '',
  ].join('\n');
}
