import type { CommandSpec } from '../command';
import { renderCompletion, SHELLS, type Shell } from '../completion';
import { GLOBAL_OPTIONS } from '../options';

/** `completion bash|zsh`: the script for every command, from the list it is given (all of them). */
export function completionCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: 'completion',
    summary: 'print the bash or zsh completion script',
    description:
      'Prints a completion script for bash or zsh, generated from the same option specs as the parser\n' +
      'and this help: commands, flags, and the values of flags with a fixed set (files for PATH flags).',
    examples: [
      'source <(strapi-deploy completion bash)      # in ~/.bashrc',
      'source <(strapi-deploy completion zsh)       # in ~/.zshrc, after compinit',
    ],
    options: [],
    arguments: [{ name: 'SHELL', choices: SHELLS, description: 'the shell to complete in' }],
    async run(ctx) {
      const shell = ctx.parsed.args[0] as Shell;
      const script = renderCompletion(shell, commands(), GLOBAL_OPTIONS);
      return { exitCode: 0, data: { shell, script }, text: script.trimEnd() };
    },
  };
}
