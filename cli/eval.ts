/** `wuyin eval`: the regression evals and their gate; the runner lives in evals/run.ts. */
export { run } from '../evals/run.js';
