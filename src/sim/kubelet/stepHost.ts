// What the executor's steps (start pipeline, termination) need from the pod worker.
import type { TimerHandle } from '../clock.js';
import type { EventType } from '../context.js';
import type { ContainerRecord } from './containerRecord.js';
import type { KubeletHost } from './host.js';
import type { ContainerInstance } from './instances.js';

export interface StepHost {
  readonly host: KubeletHost;
  now(): number;
  at(ms: number, fn: () => void): TimerHandle;
  clear(handle: TimerHandle | undefined): void;
  event(rec: ContainerRecord | undefined, type: EventType, reason: string, message: string): void;
  /** Something the status shows changed (the record's own version moves too). */
  changed(rec?: ContainerRecord): void;
  instance(rec: ContainerRecord): ContainerInstance;
}
