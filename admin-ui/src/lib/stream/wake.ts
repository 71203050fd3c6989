/**
 * Reconnects `connection` at once when the tab becomes visible or the network comes back, instead of
 * waiting out its backoff. Returns the function that stops listening.
 */
export function wakeOnVisible(connection: { reconnectNow(): void }): () => void {
  const wake = () => {
    if (document.visibilityState === 'visible') {
      connection.reconnectNow();
    }
  };
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('online', wake);
  return () => {
    document.removeEventListener('visibilitychange', wake);
    window.removeEventListener('online', wake);
  };
}
