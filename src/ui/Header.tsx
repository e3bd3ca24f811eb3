// Where you are: context, cluster, user, namespace, server version, pod counts by status, and
// the SIMULATOR badge with simulated time and speed.
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
  const left = `Context: ${info.context}  Namespace: ${ns}  Cluster: ${info.cluster}${user}  Server: ${info.version}`;
  const badge = info.simulator ? ` SIMULATOR ${clock(info.simulator.nowMs)} x${info.simulator.speed} ` : '';
  const line1 = fit(left, Math.max(0, width - badge.length - 1));
  const c = app.pods.categoryCounts;
  const counts = (['running', 'pending', 'failing', 'completed', 'terminating'] as const)
    .map((k) => categoryColour(k)(`${k} ${c[k]}`))
    .join('  ');
  const conn = app.connection.phase === 'live' ? '' : `  [${app.connection.phase}${app.connection.message ? `: ${app.connection.message}` : ''}]`;
  return (
    <Box flexDirection="column" height={2}>
      <Text wrap="truncate">
        {line1} {badge ? theme.badge(badge) : ''}
      </Text>
      <Text wrap="truncate">
        {`Pods ${app.pods.size}:  `}
        {counts}
        {conn}
      </Text>
    </Box>
  );
}
