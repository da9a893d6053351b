/**
 * "Acknowledged" must mean "stored", in HTTP and in Socket Mode alike.
 *
 * Bolt acknowledges an Events API event before any listener runs. Over HTTP with
 * `processBeforeResponse` that ack is only kept until the listener returns, but a listener error is
 * handled by `app.error` and the kept 200 still goes out; in Socket Mode the ack goes over the socket
 * at once. Either way an event whose inbox write failed would be acknowledged, and Slack never sends
 * an acknowledged event again. So:
 *
 * - `guardProcessing(app)` makes `app.processEvent` reject when a listener reported `notStored(context)`
 *   during it: the HTTP receiver then answers 500, and Slack retries. The mark travels in the event's
 *   `customProperties`, which Bolt copies into every listener's `context` — not in AsyncLocalStorage,
 *   whose promise hooks would cost every promise of the process CPU;
 * - `deferSocketAcks(receiver)` replaces Bolt's Socket Mode `slack_event` handler with one that keeps
 *   the ack Bolt or a listener gives and sends it only once `processEvent` resolved — after the inbox
 *   write, as over HTTP. An envelope not acked is sent again by Slack.
 */
import type { App, ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import { logger } from '../../log.js';

const log = logger('slack');
/** The context key of an event's mark (a custom property: no Bolt built-in has this name). */
const MARK = 'wuyinInbox';

/** A listener's `context` (Bolt's Context): carries the mark `guardProcessing` put there. */
export type EventContext = Record<string, unknown>;

export class NotStoredError extends Error {
  override readonly name = 'NotStoredError';
  constructor() {
    super('the event could not be written to the inbox; not acknowledged, so Slack sends it again');
  }
}

/** Called by a listener whose event could not be stored, with the listener's `context`. */
export function notStored(context: EventContext): void {
  const mark = context[MARK] as { stored: boolean } | undefined;
  if (mark) mark.stored = false;
}

export function guardProcessing(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const mark = { stored: true };
    await processEvent({ ...event, customProperties: { ...event.customProperties, [MARK]: mark } });
    if (!mark.stored) throw new NotStoredError();
  };
}

interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

export function deferSocketAcks(receiver: SocketModeReceiver): void {
  const inner = receiver as unknown as { app?: App };
  receiver.client.removeAllListeners('slack_event');
  receiver.client.on('slack_event', async (args: SlackEventArgs) => {
    let acked = false;
    let response: Record<string, unknown> | undefined;
    const event: ReceiverEvent = {
      body: args.body,
      ack: async (r?: unknown) => {
        if (acked) return;
        acked = true;
        response = r as Record<string, unknown> | undefined;
      },
      retryNum: args.retry_num,
      retryReason: args.retry_reason,
      customProperties: {},
    };
    try {
      await inner.app?.processEvent(event);
    } catch (err) {
      log.warn('socket mode envelope not acknowledged; Slack sends it again', { error: (err as Error).name });
      return;
    }
    if (!acked) return;
    await args.ack(response).catch((err: Error) => log.warn('socket mode ack failed (Slack sends it again; the inbox answers once)', { error: err.message }));
  });
}
