// Preloaded into each CLI run of the fuzz tier (`node --require`): at exit, writes the process's
// peak resident memory (KiB), CPU time and wall-clock time to the file named by GOMAP_FUZZ_PEAK.
const fs = require('fs');
const start = process.hrtime.bigint();
process.on('exit', () => {
  const file = process.env.GOMAP_FUZZ_PEAK;
  if (!file) return;
  const u = process.resourceUsage();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000;
  fs.writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs, wallMs }));
});
