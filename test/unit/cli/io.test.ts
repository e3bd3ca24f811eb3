// A closed pipe on stdout ends a command quietly (141); other errors are not swallowed.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLOSED_PIPE_EXIT, exitQuietlyWhenReaderGoes } from '../../../src/cli/io.js';

const failure = (code: string): Error => Object.assign(new Error(`write ${code}`), { code });

describe('exitQuietlyWhenReaderGoes', () => {
  it('EPIPE: exits with 128 + SIGPIPE', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyWhenReaderGoes(stream, (code) => exits.push(code));
    stream.emit('error', failure('EPIPE'));
    expect(exits).toEqual([CLOSED_PIPE_EXIT]);
    expect(CLOSED_PIPE_EXIT).toBe(141);
  });

  it('another error with nobody else listening: thrown, as without the listener', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyWhenReaderGoes(stream, (code) => exits.push(code));
    expect(() => stream.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
    expect(exits).toEqual([]);
  });

  it('another error with another listener (the TUI’s terminal guard): left to it', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    const seen: string[] = [];
    exitQuietlyWhenReaderGoes(stream, (code) => exits.push(code));
    stream.on('error', (err: Error) => seen.push(err.message));
    stream.emit('error', failure('EIO'));
    expect({ exits, seen }).toEqual({ exits: [], seen: ['write EIO'] });
  });
});
