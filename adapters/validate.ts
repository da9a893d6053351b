/**
 * Platform payload validation: `parsePayload` runs a zod schema and turns a failure into one
 * readable line naming the payload, where it came from and the offending fields, e.g.
 * "slack message event (event Ev1): channel: Invalid input: expected string, received undefined".
 */
import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parsePayload<S extends z.ZodType>(schema: S, input: unknown, what: string, where?: string): Parsed<z.infer<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const fields = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, error: `${what}${where ? ` (${where})` : ''}: ${fields}` };
}
