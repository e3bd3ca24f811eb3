// The Ink 6.8 crash on unparseable escape sequences (issue 12 item 4) and bracketed paste
// (item 14): reproduced against Ink's real input pipeline, then shown neutralised by the filter.
import { Text, useInput } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { csiIsKnownKey, InputFilter, MAX_PASTE_CHARS, type InputPiece } from '../../src/ui/inputFilter.js';

const CRASHERS: Record<string, string> = {
  'ctrl-F1': '\u001b[1;5P',
  'ctrl-F2': '\u001b[1;5Q',
  'ctrl-F4': '\u001b[1;5S',
  'device status answer ESC[5n': '\u001b[5n',
  'cursor position query ESC[6n': '\u001b[6n',
  'status OK ESC[0n': '\u001b[0n',
};

/** Renders a component that records every (input, key) Ink hands to useInput. */
function harness() {
  const got: string[] = [];
  function Probe() {
    useInput((input) => {
      got.push(input);
    });
    return <Text>probe</Text>;
  }
  const r = render(<Probe />);
  return { got, write: (s: string) => r.stdin.write(s), unmount: r.unmount };
}

async function tick(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
}

describe('Ink 6.8 without the filter', () => {
  it.each(Object.entries(CRASHERS))('%s throws inside useInput (the upstream bug this filter guards)', async (_name, seq) => {
    const h = harness();
    await tick();
    expect(() => h.write(seq)).toThrow(/reading 'startsWith'/);
    h.unmount();
  });
});

function filtered(chunks: string[]): InputPiece[] {
  const f = new InputFilter();
  return [...chunks.flatMap((c) => f.push(c)), ...f.flush()];
}

describe('InputFilter', () => {
  it.each(Object.entries(CRASHERS))('drops %s', (_name, seq) => {
    expect(filtered([`a${seq}b`])).toEqual([{ kind: 'keys', text: 'ab' }]);
  });

  it('passes the keys podscope binds, one sequence per piece', () => {
    const keys = ['\u001b[A', '\u001b[B', '\u001b[5~', '\u001b[6~', '\u001b[H', '\u001b[F', '\u001b[Z', '\u001bOA', '\u001b[1;5A', '\u001bOP'];
    expect(filtered([keys.join('')])).toEqual(keys.map((text) => ({ kind: 'keys', text })));
  });

  it('keeps plain text, control bytes, a lone Esc and Alt-keys', () => {
    expect(filtered(['jk/web\r\u0004'])).toEqual([{ kind: 'keys', text: 'jk/web\r\u0004' }]);
    expect(filtered(['\u001b'])).toEqual([{ kind: 'keys', text: '\u001b' }]);
    expect(filtered(['\u001bx'])).toEqual([{ kind: 'keys', text: '\u001bx' }]);
  });

  it('two Esc presses read together stay two Esc keys (Ink would read one piece as Alt+Esc)', () => {
    expect(filtered(['\u001b\u001b'])).toEqual([
      { kind: 'keys', text: '\u001b' },
      { kind: 'keys', text: '\u001b' },
    ]);
    // Read apart, the first goes on as soon as the second shows it was a press of its own.
    const f = new InputFilter();
    expect(f.push('\u001b')).toEqual([]);
    expect(f.push('\u001b')).toEqual([{ kind: 'keys', text: '\u001b' }]);
    expect(f.flush()).toEqual([{ kind: 'keys', text: '\u001b' }]);
  });

  it('drops mouse, focus and cursor reports rather than letting their characters act as keys', () => {
    expect(filtered(['\u001b[<0;10;5M\u001b[I\u001b[24;80R'])).toEqual([]);
  });

  it('joins a sequence cut between two reads', () => {
    expect(filtered(['\u001b[1;', '5P', 'q'])).toEqual([{ kind: 'keys', text: 'q' }]);
    expect(filtered(['\u001b', '[A'])).toEqual([{ kind: 'keys', text: '\u001b[A' }]);
  });

  it('turns a bracketed paste into one text, whatever it holds', () => {
    expect(filtered(['x\u001b[200~dy\r\u001b[1;5Pq\u001b[201~z'])).toEqual([
      { kind: 'keys', text: 'x' },
      { kind: 'paste', text: 'dy\r\u001b[1;5Pq' },
      { kind: 'keys', text: 'z' },
    ]);
    expect(filtered(['\u001b[20', '0~ab\u001b[2', '01~'])).toEqual([{ kind: 'paste', text: 'ab' }]);
  });

  it('ends a paste whose end marker never comes at flush, and bounds its size', () => {
    expect(filtered(['\u001b[200~dd'])).toEqual([{ kind: 'paste', text: 'dd' }]);
    const big = filtered(['\u001b[200~', 'x'.repeat(MAX_PASTE_CHARS + 10), '\u001b[201~']);
    expect(big).toEqual([{ kind: 'paste', text: 'x'.repeat(MAX_PASTE_CHARS) }]);
  });

  it('csiIsKnownKey: what Ink names', () => {
    expect(csiIsKnownKey('A')).toBe(true);
    expect(csiIsKnownKey('1;5A')).toBe(true);
    expect(csiIsKnownKey('2;5A')).toBe(false);
    expect(csiIsKnownKey('15;5~')).toBe(true);
    expect(csiIsKnownKey('16~')).toBe(false);
    expect(csiIsKnownKey('1;5P')).toBe(false);
    expect(csiIsKnownKey('[A')).toBe(true);
  });
});

/** Seeded: every CSI/SS3 shape with random parameters, through the filter, into Ink. */
function* generatedSequences(seed: number, n: number): Generator<string> {
  let s = seed >>> 0;
  const rnd = (k: number): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % k;
  };
  for (let i = 0; i < n; i++) {
    const params = Array.from({ length: rnd(3) }, () => String(rnd(30))).join(';');
    const final = String.fromCharCode(0x40 + rnd(0x3f));
    const kind = rnd(4);
    if (kind === 0) yield `\u001bO${final}`;
    else if (kind === 1) yield `\u001b\u001b[${params}${final}`;
    else yield `\u001b[${params}${final}`;
  }
}

describe('Ink 6.8 behind the filter', () => {
  it('survives 2000 generated CSI/SS3 sequences, and every key it passes has a name or text', async () => {
    const h = harness();
    await tick();
    const f = new InputFilter();
    let all = '';
    for (const seq of [...Object.values(CRASHERS), ...generatedSequences(12, 2000)]) {
      for (const piece of [...f.push(seq), ...f.flush()]) {
        if (piece.kind !== 'keys') continue;
        h.write(piece.text);
        all += piece.text;
      }
    }
    // Ink's stdin.read() may hand it several pieces at once: joined, they must be safe too.
    h.write(all);
    await tick();
    expect(f.dropped).toBeGreaterThan(1000);
    h.unmount();
  });
});
