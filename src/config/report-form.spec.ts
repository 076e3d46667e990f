import { loadConfig } from './app-config.js';
import { BLANK_REPORT_FORM } from './report-form.js';

describe('the report form configuration', () => {
  it('is the blank form without REPORT_FORM_FILE, and stops the start with a Vietnamese message on a missing file', () => {
    expect(loadConfig({}).reportForm).toEqual(BLANK_REPORT_FORM);
    expect(() => loadConfig({ REPORT_FORM_FILE: '/khong/co/mau-bao-cao.json' })).toThrow(
      "REPORT_FORM_FILE='/khong/co/mau-bao-cao.json': không có tệp này",
    );
  });
});
