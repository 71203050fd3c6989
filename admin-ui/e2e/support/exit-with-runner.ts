// A test worker whose runner died (even by SIGKILL) must not live on: when it is re-parented it
// terminates itself with SIGTERM, on which Playwright closes the Chromium it launched. (Vitest turns
// process.exit in a worker into an error, hence the signal. The server is guarded by the watchdog in
// global-setup.ts.)
const runner = process.ppid;
setInterval(() => {
  if (process.ppid !== runner) {
    process.kill(process.pid, 'SIGTERM');
  }
}, 1_000).unref();
