// Engine options, read once from the environment the launching client set.
import { MAX_FRAME_BYTES } from '@kindling/protocol';

export interface EngineOptions {
  /** HMAC key: the bytes of the hex secret in KINDLING_SECRET. */
  readonly secret: Buffer;
  readonly transport: 'unix' | 'tcp';
  /** Master URL for every session's SparkSession; undefined = the core's default. */
  readonly master: string | undefined;
  /** Initial confs of every session (KINDLING_CONF, a JSON object). */
  readonly conf: Readonly<Record<string, string>>;
  /** KINDLING_OWNER=1: a Stop request ends the engine process. */
  readonly owner: boolean;
  readonly handshakeTimeoutMs: number;
  readonly maxFrameBytes: number;
  /** KINDLING_ENGINE_SPIN_US: how long the event loop stays awake after an answer (default 200 µs; 0 = off). */
  readonly spinMicros: number;
}

export class OptionsError extends Error {}

function nonNegativeInt(env: NodeJS.ProcessEnv, key: string, fallback: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || n > max) throw new OptionsError(`${key} must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function positiveInt(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new OptionsError(`${key} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

export function readOptions(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const hex = env['KINDLING_SECRET'] ?? '';
  if (!/^(?:[0-9a-fA-F]{2}){16,}$/.test(hex)) {
    throw new OptionsError('KINDLING_SECRET must hold the session secret as hex (at least 128 bits; 256 expected)');
  }
  const transport = (env['KINDLING_TRANSPORT'] ?? 'unix').toLowerCase();
  if (transport !== 'unix' && transport !== 'tcp') throw new OptionsError(`KINDLING_TRANSPORT must be unix or tcp, got ${JSON.stringify(transport)}`);
  const conf: Record<string, string> = {};
  const rawConf = env['KINDLING_CONF'];
  if (rawConf) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawConf);
    } catch (err) {
      throw new OptionsError(`KINDLING_CONF is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new OptionsError('KINDLING_CONF must be a JSON object of key → value');
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (v === null || typeof v === 'object') throw new OptionsError(`KINDLING_CONF value of ${JSON.stringify(k)} must be a string, number or boolean`);
      conf[k] = String(v);
    }
  }
  return {
    secret: Buffer.from(hex, 'hex'),
    transport,
    master: env['KINDLING_MASTER'] || undefined,
    conf,
    owner: env['KINDLING_OWNER'] === '1',
    handshakeTimeoutMs: positiveInt(env, 'KINDLING_HANDSHAKE_TIMEOUT_MS', 5000),
    maxFrameBytes: positiveInt(env, 'KINDLING_MAX_FRAME_BYTES', MAX_FRAME_BYTES),
    spinMicros: nonNegativeInt(env, 'KINDLING_ENGINE_SPIN_US', 200, 10_000),
  };
}
