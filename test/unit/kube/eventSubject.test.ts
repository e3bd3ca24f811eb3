// The LIST kubectl describe sends for an object's events (describe.go searchEvents →
// client-go GetFieldSelector, fields sorted as fields.Set prints them), and which events a
// held object's list takes from the watch.
import { describe, expect, it } from 'vitest';
import { eventIsAbout, subjectEventsQuery, type EventSubject } from '../../../src/kube/eventSubject.js';
import type { Event } from '../../../src/kube/types.js';

describe('subjectEventsQuery', () => {
  const cases: [string, EventSubject, { namespace: string | undefined; fieldSelector: string }][] = [
    [
      'a pod: kind, name, namespace, uid, in its namespace',
      { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u-1' },
      { namespace: 'shop', fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop,involvedObject.uid=u-1' },
    ],
    [
      'a Deployment without a uid in hand',
      { kind: 'Deployment', namespace: 'default', name: 'web' },
      { namespace: 'default', fieldSelector: 'involvedObject.kind=Deployment,involvedObject.name=web,involvedObject.namespace=default' },
    ],
    [
      'a Node: every namespace, an empty involvedObject.namespace, no uid (its kubelet names it by name)',
      { kind: 'Node', namespace: '', name: 'sim-node-1', uid: 'n-uid' },
      { namespace: undefined, fieldSelector: 'involvedObject.kind=Node,involvedObject.name=sim-node-1,involvedObject.namespace=' },
    ],
    [
      'a value with a comma or equals sign is escaped (fields.EscapeValue)',
      { kind: 'ConfigMap', namespace: 'default', name: 'a,b=c' },
      { namespace: 'default', fieldSelector: 'involvedObject.kind=ConfigMap,involvedObject.name=a\\,b\\=c,involvedObject.namespace=default' },
    ],
  ];
  for (const [what, subject, want] of cases) it(what, () => expect(subjectEventsQuery(subject)).toEqual(want));
});

describe('eventIsAbout', () => {
  const pod: EventSubject = { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u-1' };
  const node: EventSubject = { kind: 'Node', namespace: '', name: 'sim-node-1', uid: 'n-uid' };
  const ev = (io: Event['involvedObject'], namespace = 'shop'): Event => ({ metadata: { name: 'e', namespace }, involvedObject: io });
  const cases: [string, EventSubject, Event, boolean][] = [
    ['the pod, same uid', pod, ev({ kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u-1' }), true],
    ['the pod, no uid on the event', pod, ev({ kind: 'Pod', name: 'web-1', namespace: 'shop' }), true],
    ["a pod's event without involvedObject.namespace takes its own", pod, ev({ kind: 'Pod', name: 'web-1', uid: 'u-1' }), true],
    ['an earlier pod of the same name (another uid)', pod, ev({ kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u-0' }), false],
    ['another namespace', pod, ev({ kind: 'Pod', name: 'web-1', namespace: 'prod', uid: 'u-1' }), false],
    ['another kind of the same name', pod, ev({ kind: 'ReplicaSet', name: 'web-1', namespace: 'shop' }), false],
    ["a node's controller event (its uid)", node, ev({ kind: 'Node', name: 'sim-node-1', uid: 'n-uid' }, 'default'), true],
    ["a node's kubelet event (its name as uid)", node, ev({ kind: 'Node', name: 'sim-node-1', uid: 'sim-node-1' }, 'default'), true],
  ];
  for (const [what, subject, event, want] of cases) it(what, () => expect(eventIsAbout(event, subject)).toBe(want));
});
