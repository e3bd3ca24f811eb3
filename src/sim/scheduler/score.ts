// NodeResourcesFit's default LeastAllocated score (cpu and memory weighted 1:1), with the
// non-zero requests the scheduler scores with. Integer arithmetic, as upstream.

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * 100) / capacity);
}

export function leastAllocatedScore(
  requestedCpu: number,
  allocatableCpu: number,
  requestedMemory: number,
  allocatableMemory: number,
): number {
  return Math.floor((leastRequestedScore(requestedCpu, allocatableCpu) + leastRequestedScore(requestedMemory, allocatableMemory)) / 2);
}
