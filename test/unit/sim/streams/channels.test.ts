// The pieces of the remote-command and port-forward protocols that are pure: query parsing as
// the kubelet does it, resize messages, the final statuses on the error stream, port headers.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import { parseResize } from '../../../../src/sim/server/streams/channels.js';
import { streamOptions } from '../../../../src/sim/server/streams/execOptions.js';
import { errorStatus, exitStatus } from '../../../../src/sim/server/streams/execStatus.js';
import { forwardedPorts } from '../../../../src/sim/server/streams/portForwardChannels.js';
import { parsePortHeader } from '../../../../src/sim/server/streams/portForwardSpdy.js';

const q = (s: string) => new URLSearchParams(s);

describe('exec/attach options', () => {
  it.each([
    ['command=ls&command=-l&stdout=true&stderr=true', { command: ['ls', '-l'], stdout: true, stderr: true, stdin: false, tty: false, container: '' }],
    ['command=sh&stdin=true&stdout=true&stderr=true&tty=true&container=c', { command: ['sh'], stdout: true, stderr: false, stdin: true, tty: true, container: 'c' }],
    ['command=date&stdout=1', { command: ['date'], stdout: true, stderr: false, stdin: false, tty: false, container: '' }],
  ])('%s', (query, expected) => {
    expect(streamOptions('exec', q(query))).toEqual(expected);
  });

  it('refuses a request with no stream, as the kubelet does', () => {
    expect(() => streamOptions('exec', q('command=ls'))).toThrow(new ApiError(400, 'BadRequest', 'you must specify at least 1 of stdin, stdout, stderr'));
  });

  it('attach takes no command', () => {
    expect(streamOptions('attach', q('command=ls&stdout=true')).command).toEqual([]);
  });
});

describe('resize messages', () => {
  it.each([
    ['{"Width":120,"Height":40}', { cols: 120, rows: 40 }],
    ['{"Width":0,"Height":0}', { cols: 0, rows: 0 }],
    ['{"Width":"x","Height":4}', undefined],
    ['{"Width":1.5,"Height":4}', undefined],
    ['not json', undefined],
  ])('%s', (body, expected) => {
    expect(parseResize(Buffer.from(body))).toEqual(expected);
  });
});

describe('the error stream', () => {
  it('says Success for exit code 0 and NonZeroExitCode with an ExitCode cause otherwise (client-go errorDecoderV4)', () => {
    expect(exitStatus(0)).toEqual({ metadata: {}, status: 'Success' });
    expect(exitStatus(42)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 42',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '42' }] },
    });
  });

  it('carries an ApiError as is and anything else as an internal error', () => {
    expect(errorStatus(new ApiError(500, 'InternalError', 'Internal error occurred: x'))).toEqual({ metadata: {}, status: 'Failure', message: 'Internal error occurred: x', reason: 'InternalError', code: 500 });
    expect(errorStatus(new Error('boom'))).toMatchObject({ message: 'Internal error occurred: boom', code: 500 });
    // A kubelet refusal reaches the client through the translator's failed upgrade to the kubelet.
    expect(errorStatus(new ApiError(500, 'InternalError', 'container not found ("app")'))).toMatchObject({
      message: 'Internal error occurred: unable to upgrade connection: container not found ("app")',
      reason: 'InternalError',
    });
  });
});

describe('port-forward ports', () => {
  it.each([
    ['ports=8080', [8080]],
    ['ports=80,443', [80, 443]],
    ['ports=80&ports=81', [80, 81]],
  ])('%s', (query, ports) => {
    expect(forwardedPorts(q(query))).toEqual(ports);
  });

  it.each([
    ['', 'query parameter "port" is required'],
    ['ports=http', 'unable to parse "http" as a port: strconv.ParseUint: parsing "http": invalid syntax'],
    ['ports=0', 'port "0" must be > 0'],
    ['ports=70000', 'unable to parse "70000" as a port'],
  ])('refuses %s', (query, message) => {
    expect(() => forwardedPorts(q(query))).toThrow(message);
  });

  it.each([
    ['8080', { port: 8080 }],
    ['0', { error: "port '0' must be > 0" }],
    ['x', { error: `unable to parse 'x' as a port: strconv.ParseUint: parsing "x": invalid syntax` }],
    [undefined, { error: 'port header is missing' }],
  ])('the SPDY port header %s', (value, expected) => {
    expect(parsePortHeader(value)).toEqual(expected);
  });
});
