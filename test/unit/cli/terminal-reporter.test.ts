import { TerminalReporter } from '../../../src/cli/terminal-reporter';
import { memoryStream } from '../../support/memory-io';

const CLEAR = '\r\x1b[2K';

describe('TerminalReporter on a terminal', () => {
  test('redraws the progress line in place and prints messages above it', () => {
    const out = memoryStream({ isTTY: true, columns: 80 });
    const reporter = new TerminalReporter(out);
    reporter.progress('1/2 running');
    reporter.progress('2/2 running');
    reporter.info('service reached a steady state');
    reporter.finish();
    expect(out.text).toBe(
      `${CLEAR}1/2 running` +
        `${CLEAR}2/2 running` +
        `${CLEAR}service reached a steady state\n2/2 running` +
        '\n',
    );
  });

  test('cuts a progress line to the terminal width so one carriage return clears it', () => {
    const out = memoryStream({ isTTY: true, columns: 10 });
    new TerminalReporter(out).progress('0123456789abcdef');
    expect(out.text).toBe(`${CLEAR}01234567…`);
  });

  test('without progress shown, messages are plain lines and finish adds nothing', () => {
    const out = memoryStream({ isTTY: true });
    const reporter = new TerminalReporter(out);
    reporter.warning('careful');
    reporter.finish();
    expect(out.text).toBe('warning: careful\n');
  });
});

describe('TerminalReporter not on a terminal', () => {
  test('prints plain lines, never control characters, and drops repeated progress', () => {
    const out = memoryStream({ isTTY: false });
    const reporter = new TerminalReporter(out);
    reporter.progress('1/2 running');
    reporter.progress('1/2 running');
    reporter.info('event');
    reporter.progress('2/2 running');
    reporter.finish();
    expect(out.text).toBe('1/2 running\nevent\n2/2 running\n');
  });

  test('debug only with verbose', () => {
    const quiet = memoryStream();
    new TerminalReporter(quiet).debug('x');
    const verbose = memoryStream();
    new TerminalReporter(verbose, { verbose: true }).debug('x');
    expect([quiet.text, verbose.text]).toEqual(['', 'debug: x\n']);
  });
});

test('a pseudo-terminal reporting 0 columns is treated as 80 wide', () => {
  const out = memoryStream({ isTTY: true, columns: 0 });
  new TerminalReporter(out).progress('[deploy] 10s running 1/2');
  expect(out.text).toBe(`${CLEAR}[deploy] 10s running 1/2`);
});
