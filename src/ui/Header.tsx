// Where you are: context, cluster, user, namespace, server version, pod counts by status, and
// the SIMULATOR badge with simulated time and speed (and PAUSED while time stands still).
import { Box, Text } from 'ink';
import { useCallback, useSyncExternalStore } from 'react';
import type { AppState } from '../state/appState.js';
import { categoryColour, theme } from './theme.js';
import { fit } from './text.js';

function clock(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

type SimulatorInfo = NonNullable<ReturnType<AppState['source']['info']>['simulator']>;

/** The simulator badge's forms, widest first: with the clock, with the speed only, `SIM`. */
type SimBadgeForm = 'clock' | 'speed' | 'short';

function simBadgeText(sim: SimulatorInfo, form: SimBadgeForm): string {
  const paused = sim.paused ? ' PAUSED' : '';
  if (form === 'clock') return ` SIMULATOR ${clock(sim.nowMs)} x${sim.speed}${paused} `;
  return form === 'speed' ? ` SIMULATOR x${sim.speed}${paused} ` : ` SIM${paused} `;
}

/**
 * The simulator badge. It follows the simulated clock itself (AppState.onClockTick): a tick
 * that moves only the clock re-renders this alone, not the header, the table or the footer.
 * Its width does not change with the time, so the header's layout around it stays right.
 */
function SimBadge({ app, form }: { app: AppState; form: SimBadgeForm }) {
  const subscribe = useCallback((cb: () => void) => app.onClockTick(cb), [app]);
  useSyncExternalStore(subscribe, () => app.clockTicks);
  const sim = app.source.info().simulator;
  return sim ? <Text>{theme.badge(simBadgeText(sim, form))}</Text> : null;
}

export function Header({ app }: { app: AppState }) {
  const info = app.source.info();
  const width = app.columns;
  const ns = app.namespace === undefined ? 'all' : app.namespace;
  const user = info.user ? `  User: ${info.user}` : '';
  // Context, namespace and the badges always show; cluster, user and server give way first.
  const essential = `Context: ${info.context}  Namespace: ${ns}`;
  const extra = `  Cluster: ${info.cluster}${user}  Server: ${info.version}`;
  const readonlyBadge = app.readonly ? ' READ-ONLY ' : '';
  // The simulator badge drops its clock before the context or namespace are cut.
  const sim = info.simulator;
  const forms: SimBadgeForm[] = ['clock', 'speed', 'short'];
  const simWidth = (form: SimBadgeForm | undefined): number => (sim && form ? simBadgeText(sim, form).length : 0);
  const badgesWidth = (form: SimBadgeForm | undefined): number => readonlyBadge.length + simWidth(form) + (readonlyBadge && sim ? 1 : 0);
  const simForm = sim ? (forms.find((f) => essential.length + 1 + badgesWidth(f) <= width) ?? 'short') : undefined;
  const room = Math.max(0, width - badgesWidth(simForm) - 1);
  const line1 = essential.length >= room ? fit(essential, room) : essential + fit(extra, room - essential.length);
  const c = app.pods.categoryCounts;
  const counts = (['running', 'pending', 'failing', 'completed', 'terminating'] as const)
    .map((k) => categoryColour(k)(`${k} ${c[k]}`))
    .join('  ');
  // `<0> all <1> default <2> shop`: what the digit keys switch to.
  const favourites = ['<0> all', ...app.recentNamespaces.map((n, i) => `<${i + 1}> ${n}`)].join(' ');
  const conn = app.connection.phase === 'live' ? '' : `  [${app.connection.phase}${app.connection.message ? `: ${app.connection.message}` : ''}]`;
  return (
    <Box flexDirection="column" height={2}>
      <Text wrap="truncate">
        {line1} {readonlyBadge ? theme.badge(readonlyBadge) : ''}
        {readonlyBadge && simForm ? ' ' : ''}
        {simForm ? <SimBadge app={app} form={simForm} /> : ''}
      </Text>
      <Text wrap="truncate">
        {`Pods ${app.pods.size}:  `}
        {counts}
        {conn}
        {`   ${theme.key(favourites)}`}
      </Text>
    </Box>
  );
}
