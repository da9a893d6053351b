import type { BenchResult, Target } from './run.js';

/** The human-readable report: figures side by side, then every target with ✓ or ✗. */
const ms = (x: number | undefined) => (x === undefined ? '–' : x < 1 ? `${x.toFixed(3)} ms` : `${x.toFixed(1)} ms`);

function grid(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join('  ')).join('\n');
}

function fmt(t: Target): string {
  const v = Number.isInteger(t.value) ? String(t.value) : String(t.value);
  return t.unit ? `${v} ${t.unit}` : v;
}

export function renderTable(r: BenchResult): string {
  const out: string[] = [`Wuyin benchmarks — ${r.machine.cpus} cores, Node ${r.machine.node}, ${r.machine.platform}`, ''];
  if (r.retrieval) {
    const x = r.retrieval;
    out.push(`Retrieval — ${x.passages} passages × ${x.dimension} dims (LSA), ${x.queries} eval queries × ${x.rounds} rounds, top ${x.k}`);
    out.push(grid([
      ['search', 'p50', 'p99', `recall@${x.k} vs exact`],
      [`hnswlib, as the retriever calls it (pool ${x.hnsw_pool_size})`, ms(x.hnsw_pool.p50), ms(x.hnsw_pool.p99), x.recall_at_5.toFixed(4)],
      [`hnswlib, bare top-${x.k} (ef ${x.hnsw_ef})`, ms(x.hnsw.p50), ms(x.hnsw.p99), x.recall_at_5_bare.toFixed(4)],
      ['exact cosine scan', ms(x.exact.p50), ms(x.exact.p99), '1.0000'],
      ['LangChain MemoryVectorStore', ms(x.memory_store.p50), ms(x.memory_store.p99), x.memory_store_recall_at_5.toFixed(4)],
      ['BM25 (tokenise + score all)', ms(x.bm25.p50), ms(x.bm25.p99), ''],
    ].map((row) => ['  ' + row[0]!, ...row.slice(1)])));
    out.push(`  bare top-${x.k} recall by ef: ${Object.entries(x.ef_sweep).map(([ef, v]) => `ef ${ef} → ${v}`).join(', ')}`);
    out.push(`  index build ${ms(x.build_ms)}, load ${ms(x.load_ms)}`, '');
  }
  if (r.turns) {
    const t = r.turns;
    out.push(`Turns — ${t.turns} through the orchestrator (offline), ${t.conversations} conversations, after ${t.warmup} warm-up turns`);
    out.push(`  p50 ${ms(t.p50_ms)}, p99 ${ms(t.p99_ms)}, max ${ms(t.latency.max)}; mix: ${Object.entries(t.mix).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    out.push(`  p99 by kind: ${Object.entries(t.by_kind).map(([k, s]) => `${k} ${ms(s.p99)}`).join(', ')}`, '');
  }
  if (r.load) {
    const l = r.load;
    out.push(`Load — ${l.conversations} conversations interleaved on one SQLite file, ${l.turns} turns (+${l.redeliveries} concurrent redeliveries)`);
    out.push(`  one process: ${l.turns_per_s} turns/s over ${l.seconds} s; lost ${l.lost}, doubled ${l.doubled}, mismatched ${l.mismatched}; peak RSS ${l.peak_rss_mb} MB`);
    const m = l.two_processes;
    if (m) out.push(`  ${m.processes} processes, same file: ${m.turns_per_s} turns/s; lost ${m.lost}, doubled ${m.doubled}, mismatched ${m.mismatched}; peak RSS per worker ${m.worker_peak_rss_mb} MB`);
    out.push('');
  }
  if (r.startup) {
    const s = r.startup;
    out.push('Start — `wuyin chat`, one line piped, spawn → first reply on stdout');
    out.push(`  index built: median ${s.cold_start_ms} ms (${s.cold_start_runs_ms.join(', ')})`);
    out.push(`  fresh data dir (builds the index): median ${s.fresh_start_ms} ms (${s.fresh_start_runs_ms.join(', ')})`);
    out.push(`  peak RSS of the chat process ${s.child_peak_rss_mb} MB`, '');
  }
  if (r.scale?.length) {
    out.push('Index at scale — synthetic corpus (whitepaper + deterministic filler with new vocabulary), eval queries');
    out.push(grid([
      ['size', 'passages', 'build wall/CPU', 'peak RSS', 'load wall/CPU', 'hybrid p50/p99 wall', 'p50/p99 CPU', 'HNSW / exact p50',
        'recall@5', 'hit@5', '50-page ingest wall/CPU', 'load avg'],
      ...r.scale.map((p) => [`${p.scale}×`, String(p.passages), `${(p.build_ms / 1000).toFixed(1)} / ${(p.build_cpu_ms / 1000).toFixed(1)} s`,
        `${p.build_peak_rss_mb} MB`, `${ms(p.load_ms)} / ${ms(p.load_cpu_ms)}`, `${ms(p.hybrid.p50)} / ${ms(p.hybrid.p99)}`,
        `${ms(p.hybrid_cpu.p50)} / ${ms(p.hybrid_cpu.p99)}`, `${ms(p.hnsw.p50)} / ${ms(p.exact.p50)} (ef ${p.hnsw_ef})`,
        p.recall_at_5.toFixed(3), p.hit_at_5.toFixed(3),
        `${(p.ingest.ms / 1000).toFixed(1)} / ${(p.ingest.cpu_ms / 1000).toFixed(1)} s${p.ingest.rebuilt ? ' (rebuilt)' : ' (folded in)'}`,
        [...p.load_avg.build, ...p.load_avg.query].join('–')]),
    ].map((row) => ['  ' + row[0]!, ...row.slice(1)])), '');
  }
  if (r.replicas) out.push(...replicaLines(r.replicas), '');
  out.push('Targets');
  // A part that was skipped (no PostgreSQL) leaves no target to judge.
  if (r.targets.length) out.push(grid(r.targets.map((t) => ['  ' + (t.ok ? '✓' : '✗'), t.name, fmt(t), `${t.kind === 'max' ? '≤' : '≥'} ${t.limit}${t.unit ? ' ' + t.unit : ''}`])));
  out.push('', `(${r.seconds} s)`);
  return out.join('\n') + '\n';
}

function replicaLines(x: NonNullable<BenchResult['replicas']>): string[] {
  const head = `Several replicas — ${x.conversations} conversations × ${x.each} messages, Slack over signed HTTP through a round-robin proxy, real bot turns`;
  if (x.skipped) return [head, `  skipped: ${x.skipped}`];
  const out = [head + ` (${x.where})`, grid([
    ['store', 'replicas', 'turns/s', 'turn p50', 'turn p99', 'ack p99', 'CPU/message per process', 'queries/message', 'doubled', 'left'],
    ...x.runs.map((u) => [u.backend, String(u.replicas), String(u.turns_per_s), ms(u.turn.p50), ms(u.turn.p99), ms(u.ack.p99),
      u.cpu_ms_per_message.map((c) => `${c} ms`).join(' + '), String(u.queries_per_message), String(u.doubled), String(u.left_pending)]),
  ].map((row) => ['  ' + row[0]!, ...row.slice(1)]))];
  const f = x.failover;
  if (f) {
    const t = (v: number | null) => (v === null ? '–' : `${(v / 1000).toFixed(2)} s`);
    out.push(`  fail-over (lease ${f.lease_ms / 1000} s, sweep ${f.sweep_ms / 1000} s): the killed replica held leases of ${f.held_conversations} conversations ` +
      `(${f.held_outbox_leases} outbox leases, ${f.held_pending_rows} pending rows); kill -9 → first reply under a taken-over outbox lease ${t(f.kill_to_first_reply_ms)}, → all their pending work delivered ` +
      `${t(f.kill_to_all_delivered_ms)}; doubled ${f.doubled}, left ${f.left_pending}`);
  }
  return out;
}
