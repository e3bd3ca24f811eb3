// The real binary in tmux: from a pod, shift-j to its ReplicaSet, again to the Deployment,
// Enter for the Deployment's pods, and back; from a pod, o to its node and Enter for the pods
// on that node. Crumbs in the title say where we are. Needs dist/ (npm test builds it) and tmux.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

let term: TmuxSession | undefined;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ name: 'resviews', cwd: ROOT, columns: 160, rows: 45, command: `node bin/podscope.js --sim default -A; exec cat` });
});

afterAll(() => term?.kill());

const title = (s: string): string => s.split('\n')[2] ?? '';

describe('podscope in tmux: jumps around a pod', () => {
  it('pod → shift-j → ReplicaSet → Deployment → Enter → its pods → back to the pod list', async () => {
    const t = term!;
    await t.waitFor('three running web pods', (s) => (s.match(/^[> ][*+ ]default\s+web-\S+\s+1\/1\s+Running/gm) ?? []).length === 3);
    t.press('/');
    t.type('^default web-');
    t.press('enter');
    await t.waitFor('the filtered list', (s) => title(s).includes('Pods(all)[3/'));
    t.type('J');
    const rs = await t.waitFor('the ReplicaSet', (s) => /› replicaset default\/(web-[a-z0-9]+)\[1\]/.exec(title(s))?.[1]);
    expect(t.screen()).toMatch(new RegExp(`^> ${rs}\\s+3\\s+3\\s+3\\s`, 'm'));
    t.type('J');
    await t.waitFor('the Deployment', (s) => title(s).includes(`› replicaset default/${rs} › deployment default/web[1]`) && /^> web\s+3\/3\s+3\s+3\s/m.test(s));
    t.press('enter');
    const pods = await t.waitFor('the Deployment\'s pods', (s) => title(s).includes('› pods of deployment default/web[3]') && (s.match(/^[> ] web-\S+\s+1\/1\s+Running/gm) ?? undefined));
    expect(pods).toHaveLength(3);
    t.press('esc');
    await t.waitFor('back to the Deployment', (s) => /deployment default\/web\[1\]  \] forward$/.test(title(s).trimEnd()));
    t.press('esc');
    await t.waitFor('back to the ReplicaSet', (s) => new RegExp(`replicaset default/${rs}\\[1\\]`).test(title(s)));
    t.press('esc');
    await t.waitFor('back to the pod list', (s) => title(s).startsWith('Pods(all)[3/'));
  }, 60_000);

  it('pod → o → its node → Enter → the pods on that node', async () => {
    const t = term!;
    const node = await t.waitFor('the selected web pod and its node', (s) => /^> default\s+web-\S+\s+\S+\s+\S+\s+.*\s(sim-node-\d+)\s*$/m.exec(s)?.[1]);
    t.type('o');
    await t.waitFor('the node', (s) => title(s).includes(`› node ${node}[1]`) && new RegExp(`^> ${node}\\s+Ready`, 'm').test(s));
    t.press('enter');
    const rows = await t.waitFor('the pods on the node', (s) => title(s).includes(`› pods of node ${node}[`) && (s.match(/^[> ] \S+\s+\S+\s+\S+\s+\S+/gm) ?? undefined));
    expect(rows.length).toBeGreaterThan(0);
    t.press('esc');
    await t.waitFor('back to the node', (s) => title(s).trimEnd().endsWith(`› node ${node}[1]  ] forward`));
    t.press('esc');
    await t.waitFor('back to the pod list', (s) => title(s).startsWith('Pods(all)[3/'));
    t.type('q');
  }, 60_000);
});
