// What the TUI loads once it knows it will run, as one dynamic import: one split point keeps
// the bundle's start path to a few chunks (each chunk costs the ESM loader a resolve, a read
// and a compile; seven separate imports made about forty).
export { render } from 'ink';
export { default as React } from 'react';
export { App } from '../ui/App.js';
export { AppState } from '../state/appState.js';
export { handlePaste } from '../ui/keymap.js';
export { FilteredStdin } from './filteredStdin.js';
export { METRICS_POLL_MS } from '../state/clusterMetrics.js';
