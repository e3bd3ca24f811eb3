// `y`: the pod object as YAML.
import { stringify } from 'yaml';
import type { AppState } from '../../state/appState.js';
import { TextView } from './TextView.js';

export function yamlLines(app: AppState): string[] {
  const pod = app.focusedPod();
  if (!pod) return ['<no pod>'];
  if (!app.focusWholeHeld()) return [app.focusNotice()];
  return stringify(pod).replace(/\n$/, '').split('\n');
}

export function YamlView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={yamlLines(app)} height={height} scrollKey="yaml" />;
}
