/** Hands out whole GPUs by index; a GPU belongs to at most one job at a time. */
export class GpuAllocator {
  private readonly free: Set<number>;

  constructor(indices: number[]) {
    this.free = new Set(indices);
  }

  get freeCount() {
    return this.free.size;
  }

  /** `n` GPUs (lowest indices first), or null if fewer are free; nothing is taken then. */
  take(n: number): number[] | null {
    if (n > this.free.size) return null;
    const taken = [...this.free].sort((a, b) => a - b).slice(0, n);
    for (const i of taken) this.free.delete(i);
    return taken;
  }

  release(indices: number[]) {
    for (const i of indices) this.free.add(i);
  }
}
