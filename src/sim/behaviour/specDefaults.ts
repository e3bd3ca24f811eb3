// What a container does when no annotation says otherwise, guessed from its spec the way
// a reader of the YAML would (README, "What a simulated container does").
import type { Container } from '../../kube/types.js';

export interface RunDefault {
  /** Infinity: runs until stopped. */
  runMs: number;
  exitCode: number;
}

const FOREVER: RunDefault = { runMs: Infinity, exitCode: 0 };
const AT_ONCE: RunDefault = { runMs: 0, exitCode: 0 };
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian']);
/** Commands that do their work and exit 0 in no time. */
const ONE_SHOT = new Set([
  'echo', 'printf', 'date', 'true', ':', 'cat', 'ls', 'env', 'printenv', 'hostname', 'pwd', 'whoami', 'uname', 'id',
  'touch', 'mkdir', 'cp', 'mv', 'rm', 'chmod', 'chown', 'ln', 'test', '[', 'nslookup', 'wget', 'curl', 'perl', 'export',
  'set', 'cd', 'head', 'tail', 'grep', 'sed', 'awk', 'df', 'du', 'ps',
]);
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash', 'zsh']);
const MYSQL_PASSWORD_ENV = new Set(['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD']);

/** The repository's last path component without tag or digest: `docker.io/library/nginx:1.25` → `nginx`. */
export function imageBaseName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

/** The shell script a container runs: `sh -c "<script>"` → the script, else the words joined. */
export function commandLine(c: Container): string {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  if (words.length >= 2 && SHELLS.has(words[0]!)) {
    const dashC = words.findIndex((w, i) => i > 0 && /^-\w*c$/.test(w));
    if (dashC > 0 && dashC + 1 < words.length) return words.slice(dashC + 1).join(' ');
  }
  return words.join(' ');
}

function sleepSeconds(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]!]!;
  return Number(m[1]) * unit;
}

/** How long a run lasts and its exit code, from the command, args, image and env. */
export function defaultRun(c: Container): RunDefault {
  const line = commandLine(c).trim();
  const base = imageBaseName(c.image ?? '');
  if (line === '') {
    if (base === 'mysql' && !(c.env ?? []).some((e) => MYSQL_PASSWORD_ENV.has(e.name))) return { runMs: 2000, exitCode: 1 };
    return SHELL_IMAGES.has(base) ? AT_ONCE : FOREVER;
  }
  if (/\b(while|until)\b|\bfor\b[^;]*;\s*do\b|\bsleep\s+inf(inity)?\b|\btail\s+-[a-zA-Z]*[fF]/.test(line)) return FOREVER;
  const statements = line
    .split(/&&|\|\||;|\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let seconds = 0;
  let exitCode = 0;
  let known = true;
  for (const statement of statements) {
    const words = statement.split(/\s+/);
    const verb = words[0]!;
    if (verb === 'sleep') {
      const n = sleepSeconds(words[1] ?? '');
      if (n === undefined) return FOREVER;
      seconds += n;
      exitCode = 0;
    } else if (verb === 'exit') {
      exitCode = Number(words[1] ?? '0') || 0;
      return { runMs: Math.round(seconds * 1000), exitCode };
    } else if (verb === 'false') {
      exitCode = 1;
    } else if (ONE_SHOT.has(verb) || ONE_SHOT.has(verb.slice(verb.lastIndexOf('/') + 1))) {
      exitCode = 0;
    } else {
      known = false;
    }
  }
  if (!known && seconds === 0 && !SHELL_IMAGES.has(base)) return FOREVER;
  return { runMs: Math.round(seconds * 1000), exitCode };
}

/** `ignore` (Infinity) when the command runs `sleep` (a shell's PID 1 ignores TERM), else 1 s. */
export function defaultShutdownMs(c: Container): number {
  return /\bsleep\b/.test(commandLine(c)) ? Infinity : 1000;
}

/** The preStop hook's duration from lifecycle.preStop, or undefined without a hook. */
export function defaultPreStopMs(c: Container): number | undefined {
  const hook = c.lifecycle?.preStop;
  if (!hook) return undefined;
  if (hook.sleep) return hook.sleep.seconds * 1000;
  if (hook.exec) {
    const words = hook.exec.command ?? [];
    const script = words.length >= 2 && SHELLS.has(words[0]!) ? words.slice(2).join(' ') : words.join(' ');
    const m = /\bsleep\s+(\S+)/.exec(script);
    const n = m ? sleepSeconds(m[1]!) : undefined;
    if (n !== undefined) return Math.round(n * 1000);
  }
  return 1000;
}
