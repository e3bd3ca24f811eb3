// The logs view's state without React: the ring's bound, one frame applying every queued line,
// follow / pause / resume, the window being only the visible slice, filter mode kept up to
// date as lines arrive and fall off, and the default container as kubectl picks it.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import type { LogHandlers } from '../../../src/source/logTypes.js';
import { LogRing } from '../../../src/state/logRing.js';
import { compileLogPattern, matchRanges } from '../../../src/state/logSearch.js';
import { defaultLogContainer, logContainers } from '../../../src/state/logTarget.js';
import { LogViewState } from '../../../src/state/logViewState.js';

function view(capacity = 100): { v: LogViewState; feed(texts: string[]): void; frames: () => number } {
  let handlers: LogHandlers | undefined;
  let frames = 0;
  const host = {
    source: { logs: (_n: string, _p: string, _r: unknown, h: LogHandlers) => ((handlers = h), { stop: () => undefined }) },
    requestFrame: () => void frames++,
    setStatus: () => undefined,
    podByUid: () => undefined,
  };
  const v = new LogViewState(host, { namespace: 'default', pod: 'web', uid: 'u', containers: ['app'], previous: false }, { capacity });
  v.start();
  return { v, feed: (texts) => handlers!.lines(texts.map((text, i) => ({ time: `2026-01-01T00:00:0${i % 10}Z`, text }))), frames: () => frames };
}

const nums = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe('LogRing', () => {
  it('keeps the newest `capacity` entries; seqs never repeat', () => {
    const r = new LogRing(3);
    for (let i = 0; i < 5; i++) r.push({ container: 'c', text: `t${i}` });
    expect([r.first, r.end, r.length, r.dropped]).toEqual([2, 5, 3, 2]);
    expect([r.at(1), r.at(2)?.text, r.at(4)?.text, r.at(5)]).toEqual([undefined, 't2', 't4', undefined]);
  });
});

describe('logSearch', () => {
  it.each([
    ['err', 'an ERROR and an error', [[3, 6], [16, 19]]],
    ['a+b', 'xaab ab', [[1, 4], [5, 7]]],
    ['(unclosed', 'x (unclosed y', [[2, 11]]],
    ['x*', 'abc', []],
  ])('/%s/ in %j', (pattern, line, want) => expect(matchRanges(compileLogPattern(pattern)!, line)).toEqual(want));
});

describe('LogViewState', () => {
  it('lines wait for the frame; one applyFrame takes them all; the ring stays bounded', () => {
    const { v, feed, frames } = view(100);
    feed(nums(1, 60));
    feed(nums(61, 250));
    expect(v.ring.length).toBe(0);
    // More than twice the ring waiting: only the newest ring's worth is kept (the rest would fall off anyway).
    expect(v.pendingCount).toBe(100);
    expect(frames()).toBe(2);
    v.applyFrame();
    expect(v.pendingCount).toBe(0);
    expect(v.ring.length).toBe(100);
    expect(v.ring.at(v.ring.first)!.text).toBe('line 151');
  });

  it('follow shows the newest rows; scrolling up pauses and holds the place while lines arrive; reaching the end resumes', () => {
    const { v, feed } = view(1000);
    feed(nums(1, 100));
    v.applyFrame();
    expect(v.window(5, 80).map((r) => r.text)).toEqual(nums(96, 100));
    v.scroll(-10, 5, 80);
    expect(v.follow).toBe(false);
    expect(v.window(5, 80).map((r) => r.text)).toEqual(nums(86, 90));
    feed(nums(101, 200));
    v.applyFrame();
    expect(v.window(5, 80).map((r) => r.text)).toEqual(nums(86, 90));
    v.scroll(1000, 5, 80);
    expect(v.follow).toBe(true);
    expect(v.window(5, 80).map((r) => r.text)).toEqual(nums(196, 200));
  });

  it('filter mode shows only matches, keeps up with new lines and with lines falling off the ring', () => {
    const { v, feed } = view(50);
    feed(nums(1, 40));
    v.applyFrame();
    v.setPattern('7$');
    expect(v.toggleFilterMode()).toBe(true);
    expect(v.window(10, 80).map((r) => r.text)).toEqual(['line 7', 'line 17', 'line 27', 'line 37']);
    feed(nums(41, 80));
    v.applyFrame();
    expect(v.window(10, 80).map((r) => r.text)).toEqual(['line 37', 'line 47', 'line 57', 'line 67', 'line 77']);
    expect(v.shownCount).toBe(5);
    expect(v.shownText()).toBe('line 37\nline 47\nline 57\nline 67\nline 77\n');
  });

  it('n / N walk the matches and wrap around', () => {
    const { v, feed } = view(1000);
    feed(nums(1, 30));
    v.applyFrame();
    v.setPattern('line [12]5$');
    expect(v.jump(1, 5, 80)).toBe('search wrapped to the top');
    expect(v.ring.at(v.currentHit!)!.text).toBe('line 15');
    expect(v.jump(1, 5, 80)).toBeUndefined();
    expect(v.ring.at(v.currentHit!)!.text).toBe('line 25');
    expect(v.jump(1, 5, 80)).toBe('search wrapped to the top');
    expect(v.ring.at(v.currentHit!)!.text).toBe('line 15');
    expect(v.jump(-1, 5, 80)).toBe('search wrapped to the bottom');
    expect(v.ring.at(v.currentHit!)!.text).toBe('line 25');
    expect(v.window(5, 80).some((r) => r.current && r.text === 'line 25')).toBe(true);
  });
});

describe('default container', () => {
  const pod = (annotations: Record<string, string> = {}): Pod => ({
    metadata: { name: 'p', annotations },
    spec: { initContainers: [{ name: 'init', image: 'x' }], containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] },
  });
  it.each([
    [{}, 'a'],
    [{ 'kubectl.kubernetes.io/default-container': 'b' }, 'b'],
    [{ 'kubectl.kubernetes.io/default-container': 'init' }, 'init'],
    [{ 'kubectl.kubernetes.io/default-container': 'nope' }, 'a'],
  ])('%j → %s', (annotations, want) => expect(defaultLogContainer(pod(annotations))).toBe(want));
  it('lists init containers first', () => expect(logContainers(pod())).toEqual(['init', 'a', 'b']));
});
