// Every checker's worker thread starts here when efcheck runs from its TypeScript sources: Node 20 does not apply
// --import hooks to worker threads, so tsx is registered through its API before the TypeScript worker module named
// in workerData.entry (and the user's .ts module it loads) is imported. The compiled package (dist/) starts its
// workers at their .js module directly (watched-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
