// What `a` runs and says, decided from the container's own stdin and tty and whether the
// kubectl in hand has a detach key: the flags, the way back, the caveat, the banner.
import { describe, expect, it } from 'vitest';
import { attachBanner, attachCaveat, attachMode, attachWayBack, helpHasDetachKeys, kubectlAttachArgs } from '../../../src/state/podAttach.js';

const BOTH = { stdin: true, tty: true };
const STDIN_ONLY = { stdin: true, tty: false };
const TTY_ONLY = { stdin: false, tty: true };
const NEITHER = { stdin: false, tty: false };

describe('attachMode', () => {
  it.each([
    [undefined, NEITHER],
    [{}, NEITHER],
    [{ stdin: true }, STDIN_ONLY],
    [{ tty: true }, TTY_ONLY],
    [{ stdin: true, tty: true }, BOTH],
    [{ stdin: false, tty: true }, TTY_ONLY],
  ])('%j → %j', (spec, mode) => {
    expect(attachMode(spec)).toEqual(mode);
  });
});

describe('kubectlAttachArgs', () => {
  it.each([
    [BOTH, ['--context', 'prod', 'attach', '-it', '-n', 'shop', 'web', '-c', 'app']],
    [STDIN_ONLY, ['--context', 'prod', 'attach', '-it', '-n', 'shop', 'web', '-c', 'app']],
    // No stdin: output only. With a tty, -it would take the terminal raw with no way back but the container's end.
    [TTY_ONLY, ['--context', 'prod', 'attach', '-n', 'shop', 'web', '-c', 'app']],
    [NEITHER, ['--context', 'prod', 'attach', '-n', 'shop', 'web', '-c', 'app']],
  ])('%j', (mode, args) => {
    expect(kubectlAttachArgs('prod', 'shop', 'web', 'app', mode)).toEqual(args);
  });
});

describe('helpHasDetachKeys', () => {
  it.each([
    ['      --detach-keys=\'ctrl-p,ctrl-q\':\n\tOverride the key sequence for detaching a container', true],
    ['  -i, --stdin=false:\n\tPass stdin to the container\n  -t, --tty=false:', false],
    ['', false],
    ['--detach-keysfoo', false],
  ])('%j → %s', (help, has) => {
    expect(helpHasDetachKeys(help)).toBe(has);
  });
});

describe('the way back and the caveat', () => {
  it.each([
    [BOTH, true, ['ctrl-p ctrl-q detaches and returns to podscope (the container keeps running); ctrl-c goes to the container'], undefined],
    [
      BOTH,
      false,
      ['this kubectl has no detach key (ctrl-p ctrl-q came in kubectl 1.36); ctrl-c goes to the container', "its screen comes back when the container's process ends (a shell: exit or ctrl-d)"],
      undefined,
    ],
    [STDIN_ONLY, true, ['ctrl-c ends kubectl and returns to podscope (the container keeps running)'], 'container app did not allocate a TTY (tty: true in its spec): what is typed reaches it as plain lines, without a prompt or line editing'],
    [TTY_ONLY, false, ['ctrl-c returns to podscope (the container keeps running)'], 'container app has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only'],
    [NEITHER, true, ['ctrl-c returns to podscope (the container keeps running)'], 'container app has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only'],
  ])('%j, detach keys %s', (mode, detaches, wayBack, caveat) => {
    expect(attachWayBack(mode, detaches)).toEqual(wayBack);
    expect(attachCaveat('app', mode)).toBe(caveat);
  });

  it('the banner: where, the caveat, the way back, one line each', () => {
    expect(attachBanner('shop/web (app)', 'app', STDIN_ONLY, false)).toBe(
      'podscope: attaching to shop/web (app).\n' +
        'podscope: container app did not allocate a TTY (tty: true in its spec): what is typed reaches it as plain lines, without a prompt or line editing.\n' +
        'podscope: ctrl-c ends kubectl and returns to podscope (the container keeps running).\n',
    );
  });
});
