import type { z } from 'zod';

/**
 * State texts this process has already validated against a schema, by conversation: the text a turn
 * committed (validated before it was written) or a text read and validated once. Reading the same
 * text back skips the schema and only parses it — validating once at the edge instead of three times
 * a turn (the read before the turn, the read in it, the new state), which was most of zod's share of a
 * message's CPU under a burst. A text that differs in any byte (another writer, a damaged row) is
 * validated again. Bounded: the least recently used conversations are forgotten first.
 */
export class ValidatedStates {
  private readonly bySchema = new WeakMap<object, Map<string, string>>();
  constructor(private readonly max = 2000) {}

  has(schema: z.ZodType<unknown>, conversationId: string, text: string): boolean {
    const known = this.bySchema.get(schema);
    if (known?.get(conversationId) !== text) return false;
    // Most recently used last, so eviction takes the oldest first.
    known.delete(conversationId);
    known.set(conversationId, text);
    return true;
  }

  add(schema: z.ZodType<unknown>, conversationId: string, text: string): void {
    let known = this.bySchema.get(schema);
    if (!known) this.bySchema.set(schema, (known = new Map()));
    known.delete(conversationId);
    known.set(conversationId, text);
    if (known.size > this.max) known.delete(known.keys().next().value!);
  }
}
