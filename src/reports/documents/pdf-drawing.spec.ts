import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { fitted } from './pdf-drawing.js';

const require = createRequire(import.meta.url);
const Pdf = require('pdfkit') as typeof PDFDocument;
const FONT = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

describe("a table cell's text in the report PDF", () => {
  const doc = new Pdf({ size: 'A4' });
  doc.registerFont('regular', FONT).font('regular').fontSize(8.5);

  it('keeps a name that fits as it is', () => {
    expect(fitted(doc, 'Xã Nà Tấu', 120)).toBe('Xã Nà Tấu');
  });

  it('cuts a commune name too long for its cell with "…" instead of letting it wrap onto the next row', () => {
    const cut = fitted(doc, 'Phường Điện Biên Phủ', 60);
    expect(cut).toMatch(/^Phường .*…$/);
    expect(doc.widthOfString(cut)).toBeLessThanOrEqual(60);
  });
});
