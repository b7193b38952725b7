import type { webApi } from '@slack/bolt';

import type { OutboundMessage } from '../../src/engine/types';
import { toSlackMessage } from './blocks';

/**
 * Opens (or finds) the bot's direct message with a user; returns its channel id. Slack returns
 * the same channel for the same user each time (conversations.open).
 */
export async function openDirectMessage(client: webApi.WebClient, user: string): Promise<string> {
  const result = await client.conversations.open({ users: user });
  const channel = result.channel?.id;
  if (!channel) throw new Error('slack conversations.open returned no channel id');
  return channel;
}

/** Posts the messages to a channel one at a time, so they arrive in order. */
export async function postMessages(
  client: webApi.WebClient,
  channel: string,
  messages: OutboundMessage[],
): Promise<void> {
  for (const message of messages) {
    await client.chat.postMessage({ channel, ...toSlackMessage(message) });
  }
}
