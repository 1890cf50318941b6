// The targets for mcc against the baseline, checked on the figures of one run:
// >= 1.5x the baseline's requests/s on 1-row requests, p99 no worse, zero errors, peak RSS no
// more than the baseline's. Each check names the server, the scenario and the margin.
export const MIN_RPS_RATIO = 1.5;

const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;

/**
 * scenarios: [{key, rows, connections, results: {server: figures}}]; mccServers: names compared
 * with `baseline`; allMcc: every mcc server (xgboost too), for the zero-errors target.
 * Returns [{target, server, scenario, ok, detail}].
 */
export function checkTargets({ scenarios, mccServers, allMcc, peakRss }) {
  const checks = [];
  for (const s of scenarios) {
    const base = s.results.baseline;
    for (const server of mccServers) {
      const r = s.results[server];
      if (!r || !base) continue;
      if (s.rows === 1) {
        const ratio = r.rps / base.rps;
        checks.push({
          target: `requests/s >= ${MIN_RPS_RATIO}x baseline (1-row)`,
          server,
          scenario: s.key,
          ok: ratio >= MIN_RPS_RATIO,
          detail: `${ratio.toFixed(2)}x (${r.rps.toFixed(0)} vs ${base.rps.toFixed(0)} req/s)`,
        });
      }
      const p99 = r.p99Ms / base.p99Ms;
      checks.push({
        target: 'p99 no worse than baseline',
        server,
        scenario: s.key,
        ok: r.p99Ms <= base.p99Ms,
        detail: `${r.p99Ms.toFixed(2)} vs ${base.p99Ms.toFixed(2)} ms (${pct(p99)})`,
      });
    }
    for (const server of allMcc) {
      const r = s.results[server];
      if (!r) continue;
      checks.push({
        target: 'zero errors',
        server,
        scenario: s.key,
        ok: r.errors === 0,
        detail: `${r.errors} of ${r.requests} (${r.not2xx} not 2xx, ${r.socketErrors} socket)`,
      });
    }
  }
  for (const server of mccServers) {
    if (peakRss[server] === undefined || peakRss.baseline === undefined) continue;
    const ratio = peakRss[server] / peakRss.baseline;
    checks.push({
      target: 'peak RSS <= baseline',
      server,
      scenario: 'whole run',
      ok: ratio <= 1,
      detail: `${(peakRss[server] / 2 ** 20).toFixed(0)} vs ${(peakRss.baseline / 2 ** 20).toFixed(0)} MiB (${pct(ratio)})`,
    });
  }
  return checks;
}
