#!/usr/bin/env node
// The Kindling engine process: reads its options from the environment, listens, prints one ready line of JSON on
// stdout, serves sessions, and exits on stdin EOF, an owner's Stop, or SIGTERM/SIGINT — never on bad input.
import { performance } from 'node:perf_hooks';
import { EngineServer, sweepStaleDirectories } from './server.js';
import { log, logError } from './log.js';
import { OptionsError, readOptions } from './options.js';
import { sweepStaleSegments } from './shm.js';

// Bugs must stay visible but must not take the engine down with every session in it.
process.on('uncaughtException', (err) => logError('uncaught exception', err));
process.on('unhandledRejection', (err) => logError('unhandled rejection', err));
process.stdout.on('error', (err) => logError('stdout', err));

async function main(): Promise<void> {
  let options;
  try {
    options = readOptions();
  } catch (err) {
    if (err instanceof OptionsError) {
      log(`cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  delete process.env['KINDLING_SECRET'];

  let exiting = false;
  const exit = (reason: string, code = 0) => {
    if (exiting) return;
    exiting = true;
    engine
      .shutdown(reason)
      .catch((err: unknown) => logError('shutdown', err))
      .finally(() => process.exit(code));
  };
  const engine = new EngineServer(options, (reason) => exit(reason));

  const swept = sweepStaleSegments();
  if (swept.length > 0) log(`removed ${swept.length} stale shared-memory segment(s) of dead engines`);
  const dirs = sweepStaleDirectories();
  if (dirs > 0) log(`removed ${dirs} socket director${dirs === 1 ? 'y' : 'ies'} of dead engines`);

  const address = await engine.listen();
  // performance.now() counts from the process's time origin (its start), so this is start → ready.
  const ready = {
    ready: true,
    socket: address.socket,
    host: address.host,
    port: address.port,
    pid: process.pid,
    startupMs: Math.round(performance.now() * 10) / 10,
    uptimeMs: Math.round(process.uptime() * 10000) / 10,
  };
  process.stdout.write(JSON.stringify(ready) + '\n');

  // The launching client holds our stdin: EOF means it closed it or died.
  process.stdin.on('end', () => exit('stdin closed'));
  process.stdin.on('error', () => exit('stdin error'));
  process.stdin.resume();
  process.on('SIGTERM', () => exit('SIGTERM'));
  process.on('SIGINT', () => exit('SIGINT'));
  process.on('SIGHUP', () => exit('SIGHUP'));
}

main().catch((err: unknown) => {
  logError('engine failed to start', err);
  process.exit(1);
});
