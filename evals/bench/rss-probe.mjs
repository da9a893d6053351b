// Preloaded into a benchmarked child (node --import): on exit it records the child's own peak
// resident set, which the parent cannot read once the child is gone.
import fs from 'node:fs';

const file = process.env.WUYIN_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
