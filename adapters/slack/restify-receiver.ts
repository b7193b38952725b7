import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';

import { UnauthorizedError } from '../../src/errors';
import { parseSlackBody } from './request-body';
import { checkSlackSignature, MAX_REQUEST_AGE_SECONDS } from './signature';

/**
 * Slack retries a request that gets no response within 3 seconds. When no listener has
 * acknowledged a request by this time, the receiver responds 200 for it.
 */
const ACK_DEADLINE_MS = 2500;

export interface RestifyReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

type AckResponse = string | Record<string, unknown> | undefined;

/**
 * A Bolt receiver hosted on the restify server at `/slack/events`, for the Events API and
 * interactivity alike. It checks the signature on the raw body, returns the `url_verification`
 * challenge, hands everything else to Bolt, and responds as soon as a listener acknowledges.
 * The listener's work goes on after the response, and {@link RestifyReceiver.stop} waits for it.
 */
export class RestifyReceiver implements Receiver {
  private app: App | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: RestifyReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to start: the restify server listens, and routes requests to {@link handle}. */
  async start(): Promise<void> {}

  /** Waits for the work of acknowledged requests to finish. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** The restify handler of `POST /slack/events`. */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    const rawBody = typeof req.rawBody === 'string' ? req.rawBody : '';
    this.verify(req, rawBody);
    const body = parseSlackBody(rawBody, req.getContentType());
    if (body.type === 'url_verification') {
      res.send(200, { challenge: body.challenge });
      return;
    }

    const response = await this.dispatch(body, retryOf(req));
    if (response === undefined || response === '') res.send(200);
    else res.send(200, response);
  };

  private verify(req: Request, rawBody: string): void {
    const check = checkSlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody,
      signature: req.header('x-slack-signature'),
      timestamp: req.header('x-slack-request-timestamp'),
      now: (this.options.clock ?? Date.now)(),
    });
    if (check === 'valid') return;

    this.options.log.warn({ check }, 'rejected slack request with an invalid signature');
    throw new UnauthorizedError(
      check === 'stale'
        ? `stale X-Slack-Request-Timestamp: more than ${MAX_REQUEST_AGE_SECONDS} seconds from ` +
            "the server clock; check the clock if Slack's own requests fail"
        : 'invalid X-Slack-Signature: check that SLACK_SIGNING_SECRET is the signing secret ' +
            "on the app's Basic Information page",
    );
  }

  /** Runs Bolt on the request and resolves with the acknowledgement's response body. */
  private dispatch(body: Record<string, unknown>, retry: Retry): Promise<AckResponse> {
    const app = this.app;
    if (!app) throw new Error('the Slack receiver was not initialised by a Bolt App');
    if (retry.retryNum !== undefined) this.options.log.info(retry, 'slack retried a request');

    return new Promise<AckResponse>((resolve) => {
      let responded = false;
      let ackCalled = false;
      const respond = (response?: AckResponse) => {
        if (responded) return;
        responded = true;
        clearTimeout(deadline);
        resolve(response);
      };
      const deadline = setTimeout(() => {
        this.options.log.warn(
          { ms: ACK_DEADLINE_MS },
          'slack listener did not acknowledge in time',
        );
        respond();
      }, ACK_DEADLINE_MS);

      const event: ReceiverEvent = {
        body,
        ...retry,
        ack: async (response?: AckResponse) => {
          if (ackCalled) throw new ReceiverMultipleAckError();
          ackCalled = true;
          respond(response);
        },
      };
      // Requests that no listener acknowledges, such as unhandled event types, get an empty 200.
      this.track(app.processEvent(event).finally(() => respond()));
    });
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => {
      this.options.log.error({ err: error }, 'slack event handling failed');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}

interface Retry {
  retryNum?: number;
  retryReason?: string;
}

/** Reads Slack's retry headers, which a first delivery lacks. */
function retryOf(req: Request): Retry {
  const retryNum = Number(req.header('x-slack-retry-num'));
  const retryReason = req.header('x-slack-retry-reason');
  return {
    ...(Number.isInteger(retryNum) && req.header('x-slack-retry-num') && { retryNum }),
    ...(retryReason && { retryReason }),
  };
}
