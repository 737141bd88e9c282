// The method checker's worker thread starts here: Node 20 does not apply --import hooks to worker threads, so tsx
// is registered through its API before the TypeScript worker (and the user's .ts module) is imported.
import { register } from 'tsx/esm/api';

register();
await import('./method-worker.ts');
