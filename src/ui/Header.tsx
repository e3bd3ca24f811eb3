// Where you are: context, cluster, user, namespace, server version, pod counts by status, and
// the SIMULATOR badge with simulated time and speed (and PAUSED while time stands still).
import { Box, Text } from 'ink';
import type { AppState } from '../state/appState.js';
import { categoryColour, theme } from './theme.js';
import { fit } from './text.js';

function clock(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
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
  const paused = sim?.paused ? ' PAUSED' : '';
  const simBadges = sim ? [` SIMULATOR ${clock(sim.nowMs)} x${sim.speed}${paused} `, ` SIMULATOR x${sim.speed}${paused} `, ` SIM${paused} `] : [''];
  const badgesWidth = (simBadge: string): number => readonlyBadge.length + simBadge.length + (readonlyBadge && simBadge ? 1 : 0);
  const simBadge = simBadges.find((b) => essential.length + 1 + badgesWidth(b) <= width) ?? simBadges[simBadges.length - 1]!;
  const room = Math.max(0, width - badgesWidth(simBadge) - 1);
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
        {readonlyBadge && simBadge ? ' ' : ''}
        {simBadge ? theme.badge(simBadge) : ''}
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
