// How an answer goes to the page: which messages show it, and posting them only while no
// newer answer has taken over. No VS Code API here, so the unit tests run it as it is.
import { firstRows } from '../../../protocol/src';
import { FIRST_SCREEN_ROWS, type HostMessage } from './messages';

/**
 * The messages that show an answer. A page that shows no picture yet gets a large one in two,
 * its first rows then whole (it draws the first at once and takes the whole after that paint,
 * filling it in place); a page that shows one gets the next whole, so that a user scrolled
 * past the first rows never sees a frame of empty rows.
 */
export function answerMessages(message: HostMessage, pageHasPicture: boolean): HostMessage[] {
  if (message.type !== 'picture' || pageHasPicture) return [message];
  const top = firstRows(message.picture, FIRST_SCREEN_ROWS);
  return top === message.picture ? [message] : [{ ...message, picture: top }, message];
}

/**
 * Posts the messages in order, each only if its answer is still the current one: a newer
 * answer shown while an earlier post was awaited is not drawn over by the rest of an older one.
 */
export async function postWhileCurrent(
  messages: HostMessage[],
  post: (message: HostMessage) => Promise<void>,
  current: () => boolean,
): Promise<void> {
  for (const message of messages) {
    if (!current()) return;
    await post(message);
  }
}
