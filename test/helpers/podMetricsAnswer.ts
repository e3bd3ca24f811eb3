// A whole pods metrics answer applied at once, through the poll the app streams into
// (ClusterMetrics.startPodPoll): what a test has in hand as one array.
import type { PodMetricsUsage } from '../../src/kube/metricsTypes.js';
import type { MetricsAnswer } from '../../src/source/types.js';
import type { ClusterMetrics } from '../../src/state/clusterMetrics.js';

export function applyPodAnswer(metrics: ClusterMetrics, answer: MetricsAnswer<PodMetricsUsage>): void {
  const poll = metrics.startPodPoll();
  if (answer.available) for (const item of answer.items) poll.put(item);
  metrics.finishPodPoll(poll, answer);
}
