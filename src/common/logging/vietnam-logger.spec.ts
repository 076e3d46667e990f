import { VietnamLogger } from './vietnam-logger.js';

describe('the server log', () => {
  it('stamps a line with the time in Vietnam as dd/mm/yyyy HH:mm, not a US date', () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const stdout = process.stdout.write.bind(process.stdout);
    process.stderr.write = (chunk: string) => lines.push(String(chunk)) > 0;
    process.stdout.write = (chunk: string) => lines.push(String(chunk)) > 0;
    try {
      const logger = new VietnamLogger(['error', 'warn']);
      logger.warn('báo cáo 2026-Q3 province: đã lập', 'ReportScheduler');
      logger.log('not shown: below the levels asked for');
    } finally {
      process.stderr.write = write;
      process.stdout.write = stdout;
    }
    expect(lines).toHaveLength(1);

    const plain = lines[0].replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\s+WARN \[ReportScheduler\] báo cáo 2026-Q3 province: đã lập/);
    expect(plain).not.toMatch(/ (AM|PM) /);
  });
});
