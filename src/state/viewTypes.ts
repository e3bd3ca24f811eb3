// The names of the views and the small value types the views and overlays share: kept apart
// from AppState so the view models and action modules can use them without importing it.
/** `resource`: a list of any catalogued kind, or one object's describe/YAML (state/navigation.ts). */
export type ViewId = 'pods' | 'pod' | 'describe' | 'yaml' | 'events' | 'event' | 'help' | 'logs' | 'resource' | 'timeline' | 'shell' | 'forwards';
export type PodPane = 'why' | 'phase' | 'containers' | 'events' | 'world' | 'timeline';
/** In screen order; the view opens focused on 'phase' (podViewState.ts). */
export const POD_PANES: readonly PodPane[] = ['why', 'phase', 'containers', 'events', 'world', 'timeline'];

/** The text views that scroll as one block. */
export type TextViewId = 'describe' | 'yaml' | 'event' | 'help' | 'timeline';
/** Whatever scrolls: a text view, or one pane of the pod view. */
export type ScrollTarget = TextViewId | `pod:${PodPane}`;

/** `input`: a question with its own label and answer (the local port of a port-forward). */
export type PromptKind = 'filter' | 'command' | 'input';
export interface Prompt {
  kind: PromptKind;
  text: string;
  /** An `input` prompt's question, shown before the text. */
  label?: string;
  /** What Enter does with an `input` prompt's text. */
  submit?: (text: string) => void;
}

export interface Picker {
  kind: 'ns' | 'ctx' | 'container' | 'sim';
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
