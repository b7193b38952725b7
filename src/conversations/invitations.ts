import type { Logger } from 'pino';

import { CesBotError, ConflictError, ValidationError } from '../errors';
import { pseudonymize, type RespondentAddress } from '../privacy/pseudonym';
import { ConversationModel, MessageStatusModel } from '../storage/models';
import type { Channel, Survey } from '../surveys/schema';
import type { InvitationRequest, InvitationResult, InvitationRow } from './invitation-request';
import { RecipientOptedOutError, suppressProviderOptOut } from './provider-opt-out';
import type { OutboundSender, SenderRegistry } from './senders';
import type { TurnOutcome, TurnService } from './turn-service';

/**
 * Channels on which a first message from the business must be a pre-approved template. WhatsApp
 * delivers free-form text only within 24 hours of the person's last message, and ces-bot sends its
 * consent question as free-form text, so such a channel is started by the respondent instead.
 */
const TEMPLATE_ONLY_CHANNELS: ReadonlySet<Channel> = new Set(['whatsapp']);

/** Invitations sent at the same time; each waits on the database and the provider's API. */
const CONCURRENCY = 4;

export interface InvitationServiceDeps {
  turns: TurnService;
  senders: SenderRegistry;
  pseudonymKey: Buffer;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/**
 * Starts a survey for each invited respondent and sends its first message through the channel's
 * sender. Each row gets its own result, so one bad row never stops the others.
 */
export class InvitationService {
  private readonly clock: () => number;

  constructor(private readonly deps: InvitationServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * Rejects a batch that names a channel the survey does not run on or that only accepts
   * templates, before anything is sent.
   *
   * @throws ValidationError naming the first such channel and its row.
   */
  checkChannels(survey: Survey, rows: readonly InvitationRow[]): void {
    for (const row of rows) {
      if (!('request' in row)) continue;
      const { channel } = row.request;
      if (!survey.channels.includes(channel)) {
        throw new ValidationError(
          `survey ${survey.id} does not run on ${channel} (row ${row.row}): ` +
            `use one of ${survey.channels.join(', ')}`,
        );
      }
      if (TEMPLATE_ONLY_CHANNELS.has(channel)) {
        throw new ValidationError(
          `invitations on ${channel} are not supported (row ${row.row}): outside the 24-hour ` +
            'customer service window WhatsApp delivers only pre-approved templates, and ces-bot ' +
            'sends free-form text. Let respondents write to the WhatsApp number first',
        );
      }
    }
  }

  /** Invites every row, a few at a time, and returns the results in row order. */
  async invite(survey: Survey, rows: readonly InvitationRow[]): Promise<InvitationResult[]> {
    this.checkChannels(survey, rows);
    return mapWithConcurrency(rows, CONCURRENCY, (row) => this.inviteRow(survey, row));
  }

  private async inviteRow(survey: Survey, row: InvitationRow): Promise<InvitationResult> {
    if (!('request' in row)) return { row: row.row, status: 'failed', error: row.error };

    try {
      return { row: row.row, ...(await this.deliver(survey, row.request)) };
    } catch (error) {
      return { row: row.row, status: 'failed', error: this.describe(error, survey, row.row) };
    }
  }

  private async deliver(
    survey: Survey,
    request: InvitationRequest,
  ): Promise<Omit<InvitationResult, 'row'>> {
    const sender = this.deps.senders.get(request.channel);
    if (!sender) throw new ValidationError(`no sender is switched on for ${request.channel}`);
    const address = await sender.resolve(request.to);

    let outcome: TurnOutcome;
    try {
      outcome = await this.start(survey, request, address);
    } catch (error) {
      // Two rows for one recipient raced, and the other row opened the conversation.
      if (error instanceof ConflictError) return { status: 'already-open' };
      throw error;
    }
    const conversationId = outcome.conversationId;
    if (!conversationId) return { status: 'suppressed' };
    if (outcome.outbound.length === 0) return { status: 'already-open', conversationId };
    return this.sendFirst(sender, address, outcome, conversationId);
  }

  /**
   * Starts the survey. An open conversation whose first message the provider reported as failed
   * or undelivered, and that has had no reply, is discarded first, so the invitation can be
   * sent again rather than waiting for the conversation to expire.
   */
  private async start(
    survey: Survey,
    request: InvitationRequest,
    address: RespondentAddress,
  ): Promise<TurnOutcome> {
    const turn = {
      channel: request.channel,
      address,
      surveyId: survey.id,
      ...(request.locale && { locale: request.locale }),
      ...(request.metadata && { metadata: request.metadata }),
    };
    const outcome = await this.deps.turns.start(turn);
    const openId = outcome.outbound.length === 0 ? outcome.conversationId : undefined;
    if (!openId || !(await wasUndelivered(openId)) || !(await discardUnanswered(openId))) {
      return outcome;
    }
    return this.deps.turns.start(turn);
  }

  private async sendFirst(
    sender: OutboundSender,
    address: RespondentAddress,
    outcome: TurnOutcome,
    conversationId: string,
  ): Promise<Omit<InvitationResult, 'row'>> {
    try {
      await sender.send(address, outcome.outbound, { conversationId });
      return { status: 'sent', conversationId };
    } catch (error) {
      // The invitation did not go out, so its conversation must not block a later one.
      // NOTE: when the second of several first messages fails, the first has gone out all the
      // same, and a reply to it finds no conversation and starts the survey afresh.
      await discardUnanswered(conversationId);
      if (!(error instanceof RecipientOptedOutError)) throw error;

      const respondent = pseudonymize(this.deps.pseudonymKey, address);
      await suppressProviderOptOut(respondent, sender.channel, this.clock());
      return { status: 'suppressed', error: error.message };
    }
  }

  /** Returns the row's error message; unexpected errors are logged and described generically. */
  private describe(error: unknown, survey: Survey, row: number): string {
    if (error instanceof CesBotError && error.status < 500) {
      this.deps.log.debug({ surveyId: survey.id, row, code: error.code }, 'invitation rejected');
      return error.message;
    }

    this.deps.log.error({ err: error, surveyId: survey.id, row }, 'invitation failed');
    return error instanceof CesBotError ? error.message : 'internal error; see the server log';
  }
}

async function wasUndelivered(conversationId: string): Promise<boolean> {
  return (await MessageStatusModel.exists({ conversationId, deliveryFailed: true })) !== null;
}

/**
 * Deletes a conversation that no turn has changed since it was created (version 0), so that it
 * contains no reply. Returns whether it was deleted.
 */
async function discardUnanswered(conversationId: string): Promise<boolean> {
  const result = await ConversationModel.deleteOne({ _id: conversationId, version: 0 }).exec();
  return result.deletedCount === 1;
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
