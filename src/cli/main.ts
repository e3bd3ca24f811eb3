// podscope's entry: flags → a source → the TUI, or a headless subcommand, or `sim serve`.
import { errorText } from '../kube/errorText.js';
import { PODSCOPE_VERSION } from '../kube/version.js';
import { exitQuietlyWhenReaderGoes, type CliIo } from './io.js';
import { parseCli, USAGE, type CliOptions } from './options.js';
import { letGoOfLostTerminalsAtExit } from './terminalExit.js';
import { crashReport } from './tui.js';
import { usageError } from './usage.js';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') {
    const chalk = (await import('chalk')).default;
    chalk.level = 0;
  }
  if (argv[0] === 'sim') {
    const { runSimServe } = await import('./serveCommand.js');
    return runSimServe(argv.slice(1), io);
  }
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseCli(argv);
  } catch (err) {
    return usageError(io, errorText(err));
  }
  if (opts === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (opts === 'version') {
    io.stdout.write(`podscope ${PODSCOPE_VERSION}\n`);
    return 0;
  }
  const cmd = opts.positionals[0];
  if (cmd === undefined) return (await import('./tui.js')).runTui(opts, io);
  if (cmd === 'get' || cmd === 'describe' || cmd === 'events' || cmd === 'logs' || cmd === 'timeline' || cmd === 'why') return (await import('./headless.js')).runHeadless(opts, io);
  return usageError(io, `unknown command "${cmd}"`);
}

/** Run when this module is the program (bin/podscope.js imports it), not when a test imports it. */
function isEntry(): boolean {
  const script = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:podscope(?:\.js)?|cli[\\/]main\.[jt]s)$/.test(script);
}

if (isEntry()) {
  exitQuietlyWhenReaderGoes(process.stdout);
  letGoOfLostTerminalsAtExit();
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, terminal }).then(
    (code) => {
      // Done: a simulator timer or stdin must not keep the process up; exit once stdout drained.
      process.stdout.write('', () => process.exit(code));
    },
    (err: unknown) => {
      process.stderr.write(crashReport(err, process.env));
      process.exit(1);
    },
  );
}
