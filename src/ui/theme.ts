// Colours carry meaning; all of them go through chalk, so NO_COLOR (chalk.level = 0 at
// start-up) turns everything plain, Ink's own colours included.
import chalk from 'chalk';
import type { StatusCategory } from '../kube/statusCategory.js';

export function categoryColour(category: StatusCategory): (s: string) => string {
  switch (category) {
    case 'running':
      return chalk.green;
    case 'pending':
      return chalk.yellow;
    case 'failing':
      return chalk.red;
    case 'completed':
      return chalk.gray;
    case 'terminating':
      return chalk.magenta;
    case 'unknown':
      return chalk.dim;
  }
}

export const theme = {
  selected: (s: string) => chalk.inverse(s),
  fresh: (s: string) => chalk.bold(s),
  marked: (s: string) => chalk.cyan(s),
  header: (s: string) => chalk.bold(s),
  title: (s: string) => chalk.bold.cyan(s),
  badge: (s: string) => chalk.black.bgYellow(s),
  warning: (s: string) => chalk.yellow(s),
  error: (s: string) => chalk.red(s),
  dim: (s: string) => chalk.dim(s),
  key: (s: string) => chalk.cyan(s),
  match: (s: string) => chalk.black.bgYellow(s),
  currentMatch: (s: string) => chalk.black.bgGreen(s),
};
