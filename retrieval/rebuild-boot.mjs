// A worker thread does not inherit the main thread's tsx hooks: register them, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./rebuild-worker.ts');
