import { logColors, VietnamLogger } from './vietnam-logger.js';

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

describe('colours in the server log', () => {
  it.each([
    { env: {}, ttys: [true, true], colours: true },
    { env: {}, ttys: [false, false], colours: false },
    { env: {}, ttys: [true, false], colours: false },
    { env: {}, ttys: [undefined, undefined], colours: false },
    { env: { NO_COLOR: '1' }, ttys: [true, true], colours: false },
  ])('env $env, terminals $ttys: colours $colours', ({ env, ttys, colours }) => {
    expect(
      logColors(
        env,
        ttys.map((isTTY) => ({ isTTY })),
      ),
    ).toBe(colours);
  });

  it('writes no escape codes when its output is not a terminal (journald, a pipe)', () => {
    const lines: string[] = [];
    const saved = { write: process.stdout.write.bind(process.stdout), tty: process.stdout.isTTY };
    process.stdout.write = (chunk: string) => lines.push(String(chunk)) > 0;
    process.stdout.isTTY = false;
    try {
      new VietnamLogger(['warn']).warn('ổ đĩa sắp đầy', 'DATA_DIR');
    } finally {
      process.stdout.write = saved.write;
      process.stdout.isTTY = saved.tty;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\u001b[');
  });
});
