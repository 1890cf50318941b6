// The text report: one table row per scenario and server, ratios to the baseline, then the targets.
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(2)}x` : '');

export function printReport({ meta, scenarios, peakRss, checks, failures }) {
  const out = [];
  out.push(
    `serving benchmark: ${meta.cpus} CPUs, wrk (1 thread), ${meta.seconds} s per run after a ${meta.warmupSeconds} s warm-up, ` +
      `${meta.rounds} interleaved round(s) per scenario`,
  );
  out.push(`machine load average (1 min) before ${meta.loadAverage.before}, after ${meta.loadAverage.after}`);
  out.push(`sklearn model (mcc-* and baseline): ${meta.sklearnModel}`);
  out.push(`baseline: ${meta.baseline}`);
  out.push(
    'figures: req/s, p50 and p99 are the medians of the rounds; errors = not 2xx + socket errors (all rounds);',
  );
  out.push(
    "CPU ms/req = CPU time of the server's whole process tree / requests (steadier than req/s on a busy machine);",
  );
  out.push(
    "peak RSS = largest sum of RSS over the server's whole process tree, sampled every 100 ms while loaded;",
  );
  out.push('x columns = mcc / baseline (req/s higher is better; p99 and RSS lower is better)');
  out.push('');
  const header = [
    'scenario',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'CPU ms/req',
    'RSS MiB',
    'x req/s',
    'x p99',
    'x CPU',
    'x RSS',
  ];
  const widths = [15, 15, 7, 8, 8, 6, 10, 7, 7, 6, 6, 6];
  const line = (cells) =>
    cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
  out.push(line(header));
  for (const s of scenarios) {
    const base = s.results.baseline;
    for (const [server, r] of Object.entries(s.results)) {
      const compare = server.startsWith('mcc-') && base;
      out.push(
        line([
          s.key,
          server,
          r.rps.toFixed(0),
          r.p50Ms.toFixed(2),
          r.p99Ms.toFixed(2),
          r.errors,
          r.cpuMsPerRequest.toFixed(2),
          mib(r.peakRssBytes),
          compare ? ratio(r.rps, base.rps) : '',
          compare ? ratio(r.p99Ms, base.p99Ms) : '',
          compare ? ratio(r.cpuMsPerRequest, base.cpuMsPerRequest) : '',
          compare ? ratio(r.peakRssBytes, base.peakRssBytes) : '',
        ]),
      );
    }
  }
  out.push('');
  out.push(
    'peak RSS over the whole run: ' +
      Object.entries(peakRss)
        .map(([s, b]) => `${s} ${mib(b)} MiB`)
        .join(', '),
  );
  out.push('');
  out.push('targets (issue 3):');
  for (const c of checks)
    out.push(
      `  ${c.ok ? 'met   ' : 'MISSED'} ${c.target.padEnd(40)} ${c.server.padEnd(16)} ${c.scenario.padEnd(14)} ${c.detail}`,
    );
  const missed = checks.filter((c) => !c.ok).length;
  out.push(`${checks.length - missed} of ${checks.length} target checks met`);
  for (const f of failures) out.push(`SETUP FAILED: ${f}`);
  console.log(out.join('\n'));
}
