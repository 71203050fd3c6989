// Tells a live feature when its stream is up again after an outage: whatever the stream fed into the
// page (query caches, counts) may have missed changes meanwhile and is to be refetched.
import type { StreamStatus } from './status';

/**
 * Returns a status sink that calls `onReconnect` each time the status becomes `live` after an outage:
 * after `live` and then anything else, or after a failed first attempt (`offline` before the first
 * `live`). A first connect that goes straight through is not one: the page has just fetched its data.
 */
export function reconnectWatch(onReconnect: () => void): (status: StreamStatus) => void {
  let wasUp = false;
  let wentDown = false;
  return (status) => {
    if (status === 'live') {
      if (wentDown) {
        onReconnect();
      }
      wasUp = true;
      wentDown = false;
    } else if (wasUp || status !== 'connecting') {
      wentDown = true;
    }
  };
}
