// The delete-dialog and prompt/command actions live in their own modules as functions over
// the app state; AppState's methods (the ones the keymap calls) hand over to them.
import { describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import { AppState } from '../../../src/state/appState.js';
import * as deletes from '../../../src/state/deleteActions.js';
import * as prompts from '../../../src/state/promptActions.js';
import { harness, runningPod } from './simHarness.js';
import { waitIdle } from '../../helpers/waitIdle.js';

const idle = (app: AppState): Promise<void> => waitIdle(app, { quietTurns: 2 });

async function started(): Promise<AppState> {
  const h = harness(['default', 'shop']);
  h.api.create('Pod', runningPod('web-1', 'default', 45));
  h.api.create('Pod', runningPod('cart-1', 'shop'));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  app.start();
  await idle(app);
  return app;
}

describe('deleteActions', () => {
  it('edits the grace field (digits only), moves focus, and deletes on OK', async () => {
    const app = await started();
    deletes.openDelete(app, false);
    expect(app.dialog).toEqual({ targets: [expect.objectContaining({ name: 'web-1' })], grace: '45', force: false, focus: 'cancel' });
    deletes.dialogBackspace(app);
    deletes.dialogType(app, 'x');
    deletes.dialogType(app, '7');
    deletes.dialogToggleForce(app);
    expect(app.dialog).toMatchObject({ grace: '47', force: true });
    deletes.dialogType(app, '1');
    expect(app.dialog).toMatchObject({ grace: '471', force: false });
    deletes.dialogFocus(app, 1);
    expect(app.dialog?.focus).toBe('grace');
    deletes.dialogActivate(app);
    expect(app.dialog?.focus).toBe('ok');
    deletes.dialogActivate(app);
    expect(app.dialog).toBeUndefined();
    await idle(app);
    expect(app.status).toEqual({ text: 'pod "default/web-1" deleting (grace 471s)', level: 'info' });
    expect(deletes.outcomeText('a', 'b', { kind: 'notFound', message: 'pods "b" not found' })).toBe('pod "a/b" is already gone');
    app.stop();
  });
});

describe('promptActions', () => {
  it('a filter prompt filters as typed and Esc clears it; a command prompt runs on Enter', async () => {
    const app = await started();
    prompts.openPrompt(app, 'filter');
    prompts.editPrompt(app, 'nomatch');
    expect(app.pods.visibleCount).toBe(0);
    expect(prompts.hasFilter(app)).toBe(true);
    prompts.cancelPrompt(app);
    expect(prompts.hasFilter(app)).toBe(false);
    expect(app.pods.visibleCount).toBe(1);
    prompts.openPrompt(app, 'command');
    prompts.editPrompt(app, 'ns shop');
    prompts.submitPrompt(app);
    await idle(app);
    expect(app.prompt).toBeUndefined();
    expect(app.namespace).toBe('shop');
    prompts.runCommand(app, ':frob');
    expect(app.status).toEqual({ text: 'unknown command ":frob" (try :pods :events :ns :ctx :q)', level: 'error' });
    app.stop();
  });
});
