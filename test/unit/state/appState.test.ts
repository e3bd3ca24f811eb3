import { describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import { AppState } from '../../../src/state/appState.js';
import { harness, runningPod } from './simHarness.js';
import { waitIdle } from '../../helpers/waitIdle.js';
import * as prompts from '../../../src/state/promptActions.js';
import * as deletes from '../../../src/state/deleteActions.js';

const idle = (app: AppState): Promise<void> => waitIdle(app, { quietTurns: 2 });

describe('SimSource + AppState', () => {
  it('lists, then applies watch deltas once per frame', async () => {
    const h = harness(['default', 'kube-system']);
    h.api.create('Pod', runningPod('web-1'));
    h.api.create('Pod', runningPod('coredns-1', 'kube-system'));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0 });
    let renders = 0;
    app.onChange(() => renders++);
    app.start();
    await idle(app);
    expect(app.pods.all().map((e) => e.name)).toEqual(['web-1']);
    const before = renders;
    for (let i = 0; i < 20; i++) h.api.create('Pod', runningPod(`job-${i}`));
    await idle(app);
    expect(app.pods.size).toBe(21);
    expect(renders - before).toBe(1);
    app.stop();
  });

  it('switches namespace scope, remembering recent namespaces', async () => {
    const h = harness(['default', 'kube-system']);
    h.api.create('Pod', runningPod('web-1'));
    h.api.create('Pod', runningPod('coredns-1', 'kube-system'));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0 });
    app.start();
    await idle(app);
    app.switchNamespace(undefined);
    await idle(app);
    expect(app.pods.all().map((e) => `${e.namespace}/${e.name}`)).toEqual(['default/web-1', 'kube-system/coredns-1']);
    prompts.runCommand(app, ':ns kube-system');
    await idle(app);
    expect(app.recentNamespaces).toEqual(['kube-system', 'default']);
    app.recentNamespace(2);
    await idle(app);
    expect(app.namespace).toBe('default');
    app.stop();
  });

  it('deletes with the typed grace and reports the outcome in the status line', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1', 'default', 45));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0 });
    app.start();
    await idle(app);
    deletes.openDelete(app, false);
    expect(app.dialog).toMatchObject({ grace: '45', force: false, focus: 'cancel' });
    deletes.dialogBackspace(app);
    deletes.dialogBackspace(app);
    deletes.dialogType(app, '3');
    deletes.dialogFocus(app, -1); // cancel → ok
    deletes.dialogActivate(app);
    await idle(app);
    expect(app.status?.text).toBe('pod "default/web-1" deleting (grace 3s)');
    expect(app.pods.selected()?.summary.status).toBe('Terminating');
    deletes.openDelete(app, true);
    deletes.dialogFocus(app, -1);
    deletes.dialogActivate(app);
    await idle(app);
    expect(app.status?.text).toBe('pod "default/web-1" deleted');
    expect(app.pods.size).toBe(0);
    app.stop();
  });

  it('refuses to open the delete dialog when read-only', async () => {
    const h = harness();
    h.api.create('Pod', runningPod('web-1'));
    const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, readonly: true });
    app.start();
    await idle(app);
    deletes.openDelete(app, false);
    expect(app.dialog).toBeUndefined();
    expect(app.status?.text).toBe('read-only mode (--readonly): deleting is disabled');
    app.stop();
  });
});
