// Issue 12 items 4 and 14 end to end: the real binary under tmux over `sim serve`, fed seeded
// keys — printable, control bytes, CSI/SS3 sequences (function keys with modifiers, the
// terminal's own status answers, mouse reports, random CSI), bracketed pastes that hold
// delete-and-confirm keys, and resizes from 20x5 to 250x80. podscope must never exit with
// an error, must leave the terminal as it found it, and no DELETE may reach the server: the
// typed keys never include ctrl-d/ctrl-k, so a delete could only come from a paste taken for
// keys. Small in npm test; PODSCOPE_FUZZ_INPUTS / PODSCOPE_FUZZ_SEED ask for a larger run.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, startLiveCluster, type LiveCluster } from './helpers/kubeTui.js';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const EVENTS = Number(process.env.PODSCOPE_FUZZ_INPUTS ?? 400);
const SEED = Number(process.env.PODSCOPE_FUZZ_SEED ?? 3);

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

const ESC = '\u001b';
/** Named sequences the issue found crashing, and the keys podscope binds. */
const SEQUENCES = [
  `${ESC}[1;5P`, `${ESC}[1;5Q`, `${ESC}[1;5R`, `${ESC}[1;5S`, `${ESC}[5n`, `${ESC}[6n`, `${ESC}[0n`, `${ESC}[24;80R`,
  `${ESC}OP`, `${ESC}OQ`, `${ESC}[15~`, `${ESC}[15;5~`, `${ESC}[24~`, `${ESC}[2~`, `${ESC}[3~`, `${ESC}[3;5~`,
  `${ESC}[A`, `${ESC}[B`, `${ESC}[C`, `${ESC}[D`, `${ESC}[1;5A`, `${ESC}[5~`, `${ESC}[6~`, `${ESC}[H`, `${ESC}[F`, `${ESC}[Z`,
  `${ESC}[<0;10;5M`, `${ESC}[M !!`, `${ESC}[I`, `${ESC}[O`, `${ESC}[200~`, `${ESC}[201~`, `${ESC}${ESC}[A`, ESC,
];
/** Control bytes but ctrl-c (quit), ctrl-d and ctrl-k (delete, kill), ctrl-z (suspend). */
const CONTROLS = [...Array(32).keys()].filter((c) => ![3, 4, 11, 26, 27].includes(c)).map((c) => String.fromCharCode(c));
const PRINTABLE = 'abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789/:!-_. ?';
const PASTES = ['\u0004\t\r', '\u0004y\r', 'd\u000b\r\r', ':q\r', 'web-\r\u0004\u001b[Z\r', 'hello world', 'line1\nline2\n', '\u0003'];

type Action = { kind: 'keys'; bytes: string } | { kind: 'paste'; text: string } | { kind: 'resize'; columns: number; rows: number };

function actions(seed: number, n: number): Action[] {
  const rnd = rng(seed);
  const out: Action[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd(100);
    if (r < 40) out.push({ kind: 'keys', bytes: PRINTABLE[rnd(PRINTABLE.length)]! });
    else if (r < 55) out.push({ kind: 'keys', bytes: CONTROLS[rnd(CONTROLS.length)]! });
    else if (r < 80) out.push({ kind: 'keys', bytes: SEQUENCES[rnd(SEQUENCES.length)]! });
    else if (r < 88) {
      const params = Array.from({ length: rnd(3) }, () => String(rnd(40))).join(';');
      out.push({ kind: 'keys', bytes: `${ESC}[${params}${String.fromCharCode(0x40 + rnd(0x3f))}` });
    } else if (r < 95) out.push({ kind: 'paste', text: PASTES[rnd(PASTES.length)]! });
    else out.push({ kind: 'resize', columns: 20 + rnd(231), rows: 5 + rnd(76) });
  }
  return out;
}

/** A PATH of tmux, node and cat only (what the pane and its loop run), so no kubectl is found. */
function binWithout(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const onPath = (name: string): string => {
    const found = (process.env.PATH ?? '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));
    if (!found) throw new Error(`${name} is not on the PATH`);
    return found;
  };
  for (const [name, target] of [['node', process.execPath], ['cat', onPath('cat')], ['tmux', onPath('tmux')]] as const) {
    if (!existsSync(join(bin, name))) symlinkSync(target, join(bin, name));
  }
  return bin;
}

let cluster: LiveCluster | undefined;
let term: TmuxSession | undefined;
afterAll(async () => {
  term?.kill();
  await cluster?.close();
});

describe(`key fuzz under tmux over sim serve (${EVENTS} events, seed ${SEED})`, () => {
  it('no crash, the terminal restored on every exit, no delete reached the server', async () => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
    cluster = await startLiveCluster(await fixtures('default'));
    let deletes = 0;
    const api = cluster.sim.api;
    const original = api.delete.bind(api);
    api.delete = ((...args: Parameters<typeof api.delete>) => {
      deletes++;
      return original(...args);
    }) as typeof api.delete;
    const codes = join(cluster.dir, 'exit-codes');
    // podscope is started again whenever the keys quit it (`:q` is typed now and then).
    term = TmuxSession.start({
      name: 'fuzz',
      cwd: ROOT,
      columns: 120,
      rows: 40,
      // kubectl is kept off the PATH: `s` would hand the terminal to `kubectl exec`, whose shell the
      // fuzzed keys (never ctrl-d) could not leave; podscope then says kubectl is missing.
      env: { ...process.env, HOME: cluster.dir, KUBECONFIG: cluster.kubeconfig, PATH: binWithout(cluster.dir) },
      // The loop's shell ignores the terminal's signals: keys typed between two runs (ctrl-\\) must not end the pane.
      command: `trap '' INT QUIT TSTP; while [ ! -e ${cluster.dir}/stop ]; do node bin/podscope.js --kubeconfig ${cluster.kubeconfig} -A 2>>${cluster.dir}/stderr; echo $? >> ${codes}; done; echo FUZZ-DONE; exec cat`,
    });
    const t = term;
    await t.waitFor('the pod list', (s) => s.includes('Pods(all)['), 30_000);
    let n = 0;
    let seenExits = 0;
    const exitCount = (): number => (existsSync(codes) ? readFileSync(codes, 'utf8').split('\n').filter(Boolean).length : 0);
    for (const a of actions(SEED, EVENTS)) {
      // The keys quit podscope now and then: wait for the next run to own the terminal (raw
      // mode) before typing on, or the shell's cooked terminal turns ctrl-\ into SIGQUIT.
      if (exitCount() !== seenExits) {
        seenExits = exitCount();
        await t.waitFor('podscope started again', (s) => s.includes('Pods(all)['), 30_000);
        await new Promise((r) => setTimeout(r, 300));
      }
      if (a.kind === 'keys') t.type(a.bytes);
      else if (a.kind === 'paste') t.paste(a.text);
      else t.resize(a.columns, a.rows);
      // Let the app keep up now and then, as a fast typist would.
      if (++n % 25 === 0) await new Promise((r) => setTimeout(r, 50));
    }
    t.resize(120, 40);
    // A stray ESC[200~ opens a paste that ends after 500 ms of quiet: let any such end first.
    await new Promise((r) => setTimeout(r, 800));
    // Back to a known state: leave any prompt, dialog or view, then quit.
    for (let i = 0; i < 4; i++) t.type(ESC);
    await t.waitFor('podscope still answering', (s) => /Context: /.test(s), 20_000);
    expect(t.display('#{alternate_on}')).toBe('1');
    writeFileSync(join(cluster.dir, 'stop'), '');
    // `:q` quits from any view, however deep the keys went. An Esc followed within the input
    // layer's 30 ms hold by another key is read as Alt+key, as terminals do: leave the gap a
    // person's Esc-then-colon has.
    await new Promise((r) => setTimeout(r, 100));
    t.press(':');
    t.type('q');
    t.press('enter');
    await t.waitFor('podscope to quit', (s) => s.includes('FUZZ-DONE'), 20_000);
    // Off the alternate screen, and bracketed paste switched off again (a paste arrives unmarked).
    expect(t.display('#{alternate_on}')).toBe('0');
    t.paste('plain');
    await t.waitFor('the paste echoed by cat, unbracketed', (s) => /^plain/m.test(s) && !s.includes('[200~'));
    const exits = existsSync(codes) ? readFileSync(codes, 'utf8').trim().split('\n').filter(Boolean) : [];
    const stderr = existsSync(join(cluster.dir, 'stderr')) ? readFileSync(join(cluster.dir, 'stderr'), 'utf8') : '';
    // Ink shows the cursor again on stderr when it exits: only escape codes may be there.
    expect(stderr.replace(/\u001b\[\?25[hl]/g, '')).toBe('');
    // 130/131: SIGINT/SIGQUIT from a key that reached the cooked terminal in the moment
    // between a quit and the next start (not podscope's input); anything else is a failure.
    expect(exits.filter((c) => c !== '0' && c !== '130' && c !== '131')).toEqual([]);
    expect(stderr).not.toMatch(/internal error|TypeError/);
    expect(deletes).toBe(0);
    // eslint-disable-next-line no-console
    console.log(`key fuzz: ${EVENTS} events, seed ${SEED}: exits ${JSON.stringify(exits)}, 0 crashes, ${deletes} deletes`);
  }, 180_000);
});
