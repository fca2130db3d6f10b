// Broadcast variables of Python code (`sc.broadcast`): the pickled values a session registered, by id. Only
// Python reads them; the engine keeps them in shared memory and hands them to the tasks whose functions use them.
import { ExecutionError, IllegalArgumentError } from '../errors.js';
import type { PythonBroadcastValue } from '../execution/task-context.js';

export class PythonBroadcasts {
  private readonly values = new Map<number, PythonBroadcastValue>();
  private readonly destroyed = new Set<number>();

  /** Registers (or replaces) broadcast `id`; the bytes are copied into shared memory once. */
  register(id: number, data: Uint8Array): void {
    if (!Number.isSafeInteger(id) || id < 0) throw new IllegalArgumentError('INVALID_BROADCAST_ID', `Broadcast id ${id} is not a non-negative integer.`);
    const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
    shared.set(data);
    const old = this.values.get(id);
    this.values.set(id, { id, version: (old?.version ?? 0) + 1, data: shared });
    this.destroyed.delete(id);
  }

  /** Workers drop their copy: the next task that needs the value is sent it again. */
  unpersist(id: number): void {
    const v = this.values.get(id);
    if (v) this.values.set(id, { ...v, version: v.version + 1 });
  }

  destroy(id: number): void {
    if (this.values.delete(id)) this.destroyed.add(id);
  }

  /** The values a task's functions refer to; a destroyed or unknown one fails the job (Spark's message). */
  forTask(ids: Iterable<number>): PythonBroadcastValue[] {
    const out: PythonBroadcastValue[] = [];
    for (const id of new Set(ids)) {
      const v = this.values.get(id);
      if (!v) {
        const why = this.destroyed.has(id) ? 'after it was destroyed' : 'that was never registered with this session';
        throw new ExecutionError('BROADCAST_DESTROYED', `Attempted to use Broadcast(${id}) ${why}.`);
      }
      out.push(v);
    }
    return out;
  }

  clear(): void {
    this.values.clear();
    this.destroyed.clear();
  }
}
