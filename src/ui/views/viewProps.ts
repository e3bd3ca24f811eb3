// What every view component receives (kept apart from the registry, which imports the views).
import type { AppState } from '../../state/appState.js';

export interface ViewProps {
  app: AppState;
  /** Rows available below the title line. */
  height: number;
}
