// Runs inside the browser desk (BrowserDesk.cs): scans the given barcodes into the item field at a scanner's pace (one every 1-2 s,
// random) and records, per scan, the time from the Enter key to the answer line in the DOM (performance.now(), set by
// a MutationObserver, so no round trip to the driver is measured).
(args) => {
  const { barcodes, minGapMs, maxGapMs, durationMs, startDelayMs } = args;
  const input = document.querySelector('[data-testid=item-field]');
  const state = { done: [], acked: [], pending: new Map(), ackPending: new Map(), sent: 0, finished: false, statuses: {} };
  window.__deskBench = state;
  const check = () => {
    const now = performance.now();
    for (const [barcode, t0] of state.ackPending) {
      if (document.querySelector(`tr[data-testid=checkout-line][data-barcode="${barcode}"]`)) {
        state.acked.push(now - t0);
        state.ackPending.delete(barcode);
      }
    }
    for (const [barcode, t0] of state.pending) {
      const line = document.querySelector(`tr[data-testid=checkout-line][data-barcode="${barcode}"]`);
      const status = line && line.getAttribute('data-status');
      if (status && status !== 'Queued') {
        state.done.push(now - t0);
        state.statuses[status] = (state.statuses[status] || 0) + 1;
        state.pending.delete(barcode);
      }
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  const until = performance.now() + startDelayMs + durationMs;
  let next = 0;
  const scan = () => {
    if (performance.now() >= until || next >= barcodes.length) {
      state.finished = true;
      return;
    }
    const barcode = barcodes[next++];
    input.value = barcode;
    const t0 = performance.now();
    state.pending.set(barcode, t0);
    state.ackPending.set(barcode, t0);
    state.sent++;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    setTimeout(scan, minGapMs + Math.random() * (maxGapMs - minGapMs));
  };
  setTimeout(scan, startDelayMs);
  return true;
}
