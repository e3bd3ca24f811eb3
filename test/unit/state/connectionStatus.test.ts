// The status line follows the connection: a reconnect alarm is replaced once the source is
// live again, while a message the user caused in the meantime is left alone.
import { describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import type { SourceStatus, Subscription } from '../../../src/source/types.js';
import { AppState } from '../../../src/state/appState.js';
import { harness } from './simHarness.js';
import * as prompts from '../../../src/state/promptActions.js';

/** The simulator source with a connection status the test drives. */
class FlakySource extends SimSource {
  private listener: ((s: SourceStatus) => void) | undefined;

  override onStatus(listener: (status: SourceStatus) => void): Subscription {
    this.listener = listener;
    listener({ phase: 'live' });
    return { stop: () => (this.listener = undefined) };
  }

  emit(status: SourceStatus): void {
    this.listener?.(status);
  }
}

function started(): { app: AppState; source: FlakySource } {
  const source = new FlakySource(harness());
  const app = new AppState({ source, namespace: 'default', frameMs: 0 });
  app.start();
  return { app, source };
}

describe('AppState connection status line', () => {
  it('replaces the reconnect alarm once the source is live again', () => {
    const { app, source } = started();
    source.emit({ phase: 'reconnecting', message: 'pods watch dropped; reconnecting in 0.4s' });
    expect(app.status).toEqual({ text: 'pods watch dropped; reconnecting in 0.4s', level: 'error' });
    source.emit({ phase: 'syncing', message: 'resyncing pods' });
    expect(app.status).toEqual({ text: 'pods watch dropped; reconnecting in 0.4s', level: 'error' });
    source.emit({ phase: 'live' });
    expect(app.status).toEqual({ text: 'reconnected: the view is in sync with the server', level: 'info' });
    app.stop();
  });

  it('keeps a message the user caused after the alarm', () => {
    const { app, source } = started();
    source.emit({ phase: 'reconnecting', message: 'pods watch dropped; reconnecting in 0.4s' });
    prompts.runCommand(app, ':nope');
    source.emit({ phase: 'live' });
    expect(app.status).toEqual({ text: 'unknown command ":nope" (try :pods :events :ns :ctx :q)', level: 'error' });
    app.stop();
  });

  it('a key press leaves the alarm while the connection is down, and clears an error once it is live', () => {
    const { app, source } = started();
    source.emit({ phase: 'reconnecting', message: 'pods watch dropped; reconnecting in 0.4s' });
    app.userAction();
    expect(app.status).toEqual({ text: 'pods watch dropped; reconnecting in 0.4s', level: 'error' });
    source.emit({ phase: 'live' });
    prompts.runCommand(app, ':nope');
    app.userAction();
    expect(app.status).toBeUndefined();
    app.stop();
  });
});
