import { collectInputErrors } from '../../../src/cli/input-problems';
import { ConfigurationError } from '../../../src/core/errors';
import type { InputReader } from '../../../src/core/inputs';

/** A reader written by hand for these tests: two required inputs, a bounded number, a checked word. */
function read(inputs: InputReader): unknown {
  const name = inputs.required('name');
  if (name.includes(' ')) throw new ConfigurationError(' must be one word.', 'name');
  const count = inputs.integer('count', { fallback: 1, min: 1, max: 9 });
  const mode = inputs.choice('mode', ['a', 'b'] as const, 'a');
  return { name, image: inputs.required('image'), count, mode };
}

const messages = (errors: ConfigurationError[]): string[] => errors.map((e) => e.message);

describe("every ConfigurationError of a reader, with the reader's own code", () => {
  test('a valid set of inputs: none', () => {
    expect(collectInputErrors(read, { name: 'x', image: 'y' })).toEqual([]);
  });

  test('each refused input is set aside and the read goes on', () => {
    expect(messages(collectInputErrors(read, { name: 'two words', count: '0', mode: 'c' }))).toEqual([
      'Input `name` must be one word.',
      'Input `count` must be between 1 and 9, got 0.',
      'Input `mode` must be one of a, b; got "c".',
      'Input `image` is required.',
    ]);
  });

  test('inputs already reported (missing required flags) are not reported again', () => {
    expect(messages(collectInputErrors(read, { count: 'x' }, new Set(['name', 'image'])))).toEqual([
      'Input `count` must be a whole number, got "x".',
    ]);
  });

  test('an error about no one input ends the collection; anything else is not swallowed', () => {
    const general = (): never => {
      throw new ConfigurationError('Nothing to do.');
    };
    expect(messages(collectInputErrors(general, {}))).toEqual(['Nothing to do.']);
    const broken = (): never => {
      throw new TypeError('bug');
    };
    expect(() => collectInputErrors(broken, {})).toThrow('bug');
  });
});
