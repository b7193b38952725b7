import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

import type { TurnOutcome, TurnService } from '../../src/conversations/turn-service';
import { renderMessage } from '../../src/engine/render';

export interface ConsoleChatOptions {
  turns: TurnService;
  surveyId: string;
  input: Readable;
  output: Writable;
  locale?: string;
  /** Invitation metadata, as a CSV import or API call would pass it. */
  metadata?: Record<string, string>;
}

/**
 * Runs one survey in a terminal: each line typed is one message. Returns the conversation's final
 * status when it closes or when the input ends.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<string | undefined> {
  const address = { kind: 'console' as const, user: randomUUID() };
  const base = {
    channel: 'console' as const,
    address,
    surveyId: options.surveyId,
    ...(options.locale && { locale: options.locale }),
    ...(options.metadata && { metadata: options.metadata }),
  };
  let outcome = await options.turns.start(base);
  print(outcome, options.output);

  const lines = createInterface({ input: options.input, terminal: false });
  for await (const line of lines) {
    if (isClosed(outcome)) break;
    outcome = await options.turns.handle({
      ...base,
      deliveryId: randomUUID(),
      event: { kind: 'text', text: line },
    });
    print(outcome, options.output);
    if (isClosed(outcome)) break;
  }
  lines.close();
  return outcome.status;
}

function isClosed(outcome: TurnOutcome): boolean {
  return outcome.status !== undefined && outcome.status !== 'open' && outcome.status !== 'consent';
}

function print(outcome: TurnOutcome, output: Writable): void {
  for (const message of outcome.outbound) {
    output.write(`bot> ${renderMessage(message, 'console').text}\n`);
  }
}
