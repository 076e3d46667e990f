import fs from 'node:fs';

/** The text of every page of a PDF, as a third-party reader (Mozilla's pdf.js) extracts it: a page a line. */
export async function pdfText(file: string | Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(typeof file === 'string' ? fs.readFileSync(file) : file);
  const doc = await getDocument({ data, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((x) => ('str' in x ? x.str : '')).join('') + '\n';
  }
  await doc.destroy();
  return text;
}
