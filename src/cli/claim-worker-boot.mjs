// The claim pool's worker thread starts here when efcheck runs from its TypeScript sources: Node 20 does not apply
// --import hooks to worker threads, so tsx is registered through its API before the TypeScript worker (and the
// theorems it imports) loads. The compiled package (dist/) starts its workers at claim-worker.js instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./claim-worker.ts');
export default worker.default;
