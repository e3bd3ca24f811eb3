// The TUI's ways out: which errors mean the terminal is gone, which descriptors are let go of,
// and what each event does (exit code, the screen left or not, a report or none).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { goneDescriptors, guardTerminal, isTerminalGoneError, letGoOfLostTerminalsAtExit, type TerminalHost } from '../../../src/cli/terminalExit.js';

describe('isTerminalGoneError', () => {
  it.each([
    [Object.assign(new Error('write EIO'), { code: 'EIO' }), true],
    [Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), true],
    [Object.assign(new Error('read ENXIO'), { code: 'ENXIO' }), true],
    [Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }), false],
    [new TypeError('x is undefined'), false],
    ['EIO', false],
    [null, false],
    [undefined, false],
  ])('%o → %s', (err, gone) => {
    expect(isTerminalGoneError(err)).toBe(gone);
  });
});

describe('goneDescriptors', () => {
  it.each([
    [[true, true, true], [true, true, true], []],
    [[true, true, true], [false, false, false], [0, 1, 2]],
    // stderr redirected to a file: never a terminal, never let go of
    [[true, true, false], [false, false, false], [0, 1]],
    [[true, true, true], [true, false, true], [1]],
  ])('was %j, is %j → %j', (was, now, gone) => {
    expect(goneDescriptors(was, (fd) => now[fd]!)).toEqual(gone);
  });
});

/** A process and terminal that record what the guard does to them. */
function fakeHost(): TerminalHost & { terminals: boolean[]; exits: number[]; letGone: number[]; proc: EventEmitter; input: EventEmitter; output: EventEmitter } {
  const proc = new EventEmitter();
  const input = new EventEmitter();
  const output = new EventEmitter();
  const exits: number[] = [];
  const letGone: number[] = [];
  const terminals = [true, true, true];
  return {
    terminals,
    exits,
    letGone,
    proc,
    input,
    output,
    process: Object.assign(proc, { exit: (code: number) => void exits.push(code) }),
    stdin: input,
    stdout: output,
    startedAsTerminal: [true, true, true],
    isTerminal: (fd) => terminals[fd]! && !letGone.includes(fd),
    letGo: (fd) => {
      if (!letGone.includes(fd)) letGone.push(fd);
    },
  };
}

function guarded() {
  const host = fakeHost();
  const left: string[] = [];
  const reports: unknown[] = [];
  const guard = guardTerminal({ leave: () => left.push('left'), report: (err) => reports.push(err), host });
  return { host, left, reports, guard };
}

describe('guardTerminal', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('%s on a terminal still there: the screen left once, exit %i, nothing let go of', (signal, code) => {
    const { host, left, guard } = guarded();
    host.proc.emit(signal);
    host.proc.emit('exit');
    expect({ exits: host.exits, left, letGone: host.letGone }).toEqual({ exits: [code], left: ['left'], letGone: [] });
    guard.dispose();
  });

  it('SIGHUP on a hung-up terminal: every descriptor it had let go of, nothing written to it, exit 129', () => {
    const { host, left, guard } = guarded();
    host.terminals.fill(false);
    host.proc.emit('SIGHUP');
    host.proc.emit('exit');
    expect({ exits: host.exits, left, letGone: host.letGone }).toEqual({ exits: [129], left: [], letGone: [0, 1, 2] });
    guard.dispose();
  });

  it('the input ending (a raw terminal cannot): exit 129, and a later write error changes nothing', () => {
    const { host, left, reports, guard } = guarded();
    host.terminals.fill(false);
    host.input.emit('end');
    host.output.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }));
    expect({ exits: host.exits, left, reports, letGone: host.letGone }).toEqual({ exits: [129], left: [], reports: [], letGone: [0, 1, 2] });
    guard.dispose();
  });

  it('a write failing with EIO: exit 129 without a report', () => {
    const { host, reports, guard } = guarded();
    host.output.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }));
    expect({ exits: host.exits, reports }).toEqual({ exits: [129], reports: [] });
    guard.dispose();
  });

  it('an uncaught exception while the terminal is there: the screen left, the report, exit 1', () => {
    const { host, left, reports, guard } = guarded();
    const bug = new TypeError('x is undefined');
    host.proc.emit('uncaughtException', bug);
    expect({ exits: host.exits, left, reports }).toEqual({ exits: [1], left: ['left'], reports: [bug] });
    guard.dispose();
  });

  it('an uncaught exception once the terminal is gone: no report (it is the dead terminal speaking), exit 129', () => {
    const { host, left, reports, guard } = guarded();
    host.terminals[1] = false;
    host.proc.emit('uncaughtException', new Error('write after end'));
    expect({ exits: host.exits, left, reports, letGone: host.letGone }).toEqual({ exits: [129], left: [], reports: [], letGone: [1] });
    guard.dispose();
  });

  it('a normal quit restores once; a terminal gone by the exit is still let go of then', () => {
    const { host, left, guard } = guarded();
    guard.restore();
    guard.restore();
    host.terminals.fill(false);
    host.proc.emit('exit');
    expect({ exits: host.exits, left, letGone: host.letGone }).toEqual({ exits: [], left: ['left'], letGone: [0, 1, 2] });
    guard.dispose();
    expect([host.proc, host.input, host.output].map((e) => e.eventNames())).toEqual([[], [], []]);
  });
});

describe('letGoOfLostTerminalsAtExit', () => {
  it('on any exit, also without the TUI: lets go of the descriptors whose terminal went since the start', () => {
    const host = fakeHost();
    const remove = letGoOfLostTerminalsAtExit(host);
    host.terminals[0] = false;
    host.terminals[1] = false;
    host.proc.emit('exit');
    expect(host.letGone).toEqual([0, 1]);
    remove();
    expect(host.proc.eventNames()).toEqual([]);
  });

  it('a terminal still there is left alone (Node restores its mode)', () => {
    const host = fakeHost();
    const remove = letGoOfLostTerminalsAtExit(host);
    host.proc.emit('exit');
    expect(host.letGone).toEqual([]);
    remove();
  });
});
