// Tells a live feature when its connection is up again after an outage: whatever the stream fed into
// the page (query caches, counts) may have missed changes meanwhile and is to be refetched. Every live
// feature reports its connection states here, whatever its state names; all start in 'connecting'.

/**
 * Returns a state sink that calls `onReconnect` each time the state becomes `up` after an outage: after
 * `up` and then anything else, or after a failed first attempt (any state but 'connecting' before the
 * first `up`). A first connect that goes straight through is not one: the page has just fetched its data.
 */
export function reconnectWatch<S extends string>(up: S, onReconnect: () => void): (state: S) => void {
  let wasUp = false;
  let wentDown = false;
  return (state) => {
    if (state === up) {
      if (wentDown) {
        onReconnect();
      }
      wasUp = true;
      wentDown = false;
    } else if (wasUp || state !== 'connecting') {
      wentDown = true;
    }
  };
}
