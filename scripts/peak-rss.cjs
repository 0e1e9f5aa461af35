// Preloaded by the bench into a command it measures: prints the process's peak resident memory
// (kilobytes) on exit, on stderr, where the bench reads it.
process.on('exit', () => {
  process.stderr.write(`\nKEFU_PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
