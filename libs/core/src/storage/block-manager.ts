// The block manager: holds shuffle outputs, broadcasts and cached partitions as Arrow batches, with byte accounting.
import type * as arrow from 'apache-arrow';
import { batchBytes } from '../execution/vectors.js';

interface Block {
  readonly batches: readonly arrow.RecordBatch[];
  readonly bytes: number;
}

function sizeOf(batches: readonly arrow.RecordBatch[]): number {
  return batches.reduce((s, b) => s + batchBytes(b), 0);
}

export class BlockManager {
  // shuffleId → mapPartition → reducePartition → batches
  private readonly shuffles = new Map<number, Map<number, Block[]>>();
  private readonly broadcasts = new Map<number, Block>();
  // cacheId → partition → block
  private readonly caches = new Map<number, Map<number, Block>>();
  private used = 0;

  /** Bytes currently held. */
  get memoryUsed(): number {
    return this.used;
  }

  /** Stores one map task's output, one entry per reduce partition; a retried map task replaces its earlier output. */
  putShuffleOutput(shuffleId: number, mapPartition: number, buckets: readonly (readonly arrow.RecordBatch[])[]): number {
    let maps = this.shuffles.get(shuffleId);
    if (!maps) this.shuffles.set(shuffleId, (maps = new Map()));
    const old = maps.get(mapPartition);
    if (old) this.used -= old.reduce((s, b) => s + b.bytes, 0);
    const blocks = buckets.map((batches) => ({ batches, bytes: sizeOf(batches) }));
    const bytes = blocks.reduce((s, b) => s + b.bytes, 0);
    maps.set(mapPartition, blocks);
    this.used += bytes;
    return bytes;
  }

  /** All map outputs of one shuffle, by map partition (used to re-split range shuffles). */
  shuffleOutputs(shuffleId: number): Map<number, Block[]> {
    return this.shuffles.get(shuffleId) ?? new Map();
  }

  shuffleBlocks(shuffleId: number, reducePartition: number): arrow.RecordBatch[] {
    const maps = this.shuffles.get(shuffleId);
    if (!maps) return [];
    const out: arrow.RecordBatch[] = [];
    for (const m of [...maps.keys()].sort((a, b) => a - b)) out.push(...(maps.get(m)![reducePartition]?.batches ?? []));
    return out;
  }

  removeShuffle(shuffleId: number): void {
    const maps = this.shuffles.get(shuffleId);
    if (!maps) return;
    for (const blocks of maps.values()) this.used -= blocks.reduce((s, b) => s + b.bytes, 0);
    this.shuffles.delete(shuffleId);
  }

  putBroadcast(id: number, batches: readonly arrow.RecordBatch[]): number {
    this.removeBroadcast(id);
    const block = { batches, bytes: sizeOf(batches) };
    this.broadcasts.set(id, block);
    this.used += block.bytes;
    return block.bytes;
  }

  broadcast(id: number): readonly arrow.RecordBatch[] {
    const b = this.broadcasts.get(id);
    if (!b) throw new Error(`broadcast ${id} is not in the block manager`);
    return b.batches;
  }

  removeBroadcast(id: number): void {
    const b = this.broadcasts.get(id);
    if (b) this.used -= b.bytes;
    this.broadcasts.delete(id);
  }

  putCachedPartition(cacheId: number, partition: number, batches: readonly arrow.RecordBatch[]): void {
    let parts = this.caches.get(cacheId);
    if (!parts) this.caches.set(cacheId, (parts = new Map()));
    const old = parts.get(partition);
    if (old) this.used -= old.bytes;
    const block = { batches, bytes: sizeOf(batches) };
    parts.set(partition, block);
    this.used += block.bytes;
  }

  cachedPartition(cacheId: number, partition: number): readonly arrow.RecordBatch[] | undefined {
    return this.caches.get(cacheId)?.get(partition)?.batches;
  }

  isCached(cacheId: number, numPartitions: number): boolean {
    const parts = this.caches.get(cacheId);
    if (!parts) return false;
    for (let i = 0; i < numPartitions; i++) if (!parts.has(i)) return false;
    return true;
  }

  removeCache(cacheId: number): void {
    const parts = this.caches.get(cacheId);
    if (!parts) return;
    for (const b of parts.values()) this.used -= b.bytes;
    this.caches.delete(cacheId);
  }

  /** Frees everything (session stop). */
  clear(): void {
    this.shuffles.clear();
    this.broadcasts.clear();
    this.caches.clear();
    this.used = 0;
  }
}
