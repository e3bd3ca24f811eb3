// The names of the views and the small value types the views and overlays share: kept apart
// from AppState so the view models and action modules can use them without importing it.
/** `resource`: a list of any catalogued kind, or one object's describe/YAML (state/navigation.ts). */
export type ViewId = 'pods' | 'pod' | 'describe' | 'yaml' | 'events' | 'event' | 'help' | 'logs' | 'resource';
export type PodPane = 'phase' | 'containers' | 'events' | 'world';
export const POD_PANES: readonly PodPane[] = ['phase', 'containers', 'events', 'world'];

/** The text views that scroll as one block. */
export type TextViewId = 'describe' | 'yaml' | 'event' | 'help';
/** Whatever scrolls: a text view, or one pane of the pod view. */
export type ScrollTarget = TextViewId | `pod:${PodPane}`;

export type PromptKind = 'filter' | 'command';
export interface Prompt {
  kind: PromptKind;
  text: string;
}

export interface Picker {
  kind: 'ns' | 'ctx' | 'container';
  items: string[];
  cursor: number;
  /** A 'container' picker's heading and what Enter does with the chosen item. */
  title?: string;
  choose?: (item: string) => void;
}

export interface StatusLine {
  text: string;
  level: 'info' | 'warning' | 'error';
}
