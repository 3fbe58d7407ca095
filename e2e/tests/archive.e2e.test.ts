import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/**
 * pdf.js from node_modules (e2e devDependency), served to the page under the app's own origin by
 * route interception: nothing is fetched from the network, and the page fetches the PDF with the
 * deputy's session like the browser's viewer would.
 */
const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const VIEWER = `<!doctype html><meta charset="utf-8"><title>PDF</title>
<style>
  body { margin: 0; background: #888; }
  .page { position: relative; margin: 12px auto; background: #fff; }
  .textLayer { position: absolute; inset: 0; overflow: hidden; line-height: 1; color: transparent; }
  .textLayer span { position: absolute; white-space: pre; transform-origin: 0 0; }
</style>
<div id="pages"></div>
<script type="module">
  import * as pdfjs from '/__pdfjs/build/pdf.mjs';
  // The worker runs on the page's thread (pdf.js's fallback), so no worker script is needed.
  globalThis.pdfjsWorker = await import('/__pdfjs/build/pdf.worker.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/__pdfjs/build/pdf.worker.mjs';
  const url = new URLSearchParams(location.search).get('pdf');
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(await res.arrayBuffer()),
      cMapUrl: '/__pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/__pdfjs/standard_fonts/',
    }).promise;
    const texts = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const viewport = page.getViewport({ scale: 1.25 });
      const box = document.createElement('div');
      box.className = 'page';
      box.style.width = viewport.width + 'px';
      box.style.height = viewport.height + 'px';
      const canvas = document.createElement('canvas');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      box.appendChild(canvas);
      const layer = document.createElement('div');
      layer.className = 'textLayer';
      layer.style.setProperty('--scale-factor', String(viewport.scale));
      box.appendChild(layer);
      document.getElementById('pages').appendChild(box);
      await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
      await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport }).render();
      const content = await page.getTextContent();
      texts.push(content.items.map((it) => it.str).join(''));
    }
    window.__pdf = { pages: doc.numPages, texts };
  } catch (e) {
    window.__pdf = { error: String(e) };
  }
</script>`;

async function servePdfjs(page: Page) {
  await page.route(`${baseUrl}/__pdfjs/**`, async (route) => {
    const rel = new URL(route.request().url()).pathname.slice('/__pdfjs/'.length);
    if (rel === 'viewer.html')
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: VIEWER });
    const file = path.join(PDFJS, path.normalize(rel));
    if (!file.startsWith(PDFJS) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
    const type = file.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
}

/** Text without the spaces and line breaks that layout puts between runs. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('履职档案', () => {
  it('a deputy opens their archive on the workbench, then its PDF, and the rendered PDF shows the Chinese text', async () => {
    const { page } = await newPage(browser());
    const errors = pageErrors(page);
    const deputy = new ConsolePage(page, baseUrl);
    await deputy.login('deputy1');
    await deputy.openScreen('代表工作台');
    await page.getByRole('link', { name: /查看本年度履职档案/ }).click();
    await deputy.heading('我的履职档案').waitFor();

    // The same archive the page shows, read with the deputy's session (for the numbers to look for).
    const archive = await page.evaluate(async () => {
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
        new Date(),
      );
      return (await fetch(`/api/archive?year=${year}`)).json();
    });
    const name: string = archive.deputy.name;
    const year: number = archive.year;
    await page.getByRole('heading', { name: `${name} ${year}年度履职档案` }).waitFor();
    for (const t of ['基本信息与任职', '履职活动', '代表建议', '群众意见', '履职积分', '述职评议'])
      await expect.poll(() => page.getByText(t, { exact: true }).first().isVisible()).toBe(true);
    const total = archive.points[0].total as number;
    await expect.poll(() => page.getByText(`计算公式：${archive.points[0].formula}`).isVisible()).toBe(true);
    await screenshot(page, 'archive-page');

    // 打印版（PDF）opens the PDF in a new tab.
    const button = page.getByRole('link', { name: /打印版（PDF）/ });
    const pdfPath = await button.getAttribute('href');
    expect(pdfPath).toBe(`/api/archive.pdf?year=${year}`);
    const [popup] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
    await popup.close();

    // Rendered by pdf.js in Chromium: the text layer carries the Chinese text of the PDF.
    await servePdfjs(page);
    await page.goto(`${baseUrl}/__pdfjs/viewer.html?pdf=${encodeURIComponent(pdfPath!)}`);
    await page.waitForFunction(() => (window as unknown as { __pdf?: unknown }).__pdf, null, {
      timeout: 30_000,
    });
    const pdf = await page.evaluate(
      () => (window as unknown as { __pdf: { pages: number; texts: string[]; error?: string } }).__pdf,
    );
    expect(pdf.error).toBeUndefined();
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    const all = squash(pdf.texts.join(''));
    for (const s of [
      `${name}${year}年度履职档案`,
      archive.congressName,
      `${year}年度·代表履职档案`,
      '一、基本信息与任职',
      '二、履职活动',
      `本年度参加履职活动${archive.activities.attendance.total}次`,
      '四、代表建议',
      '六、履职积分',
      `合计${total}`,
      '七、述职评议',
    ])
      expect(all).toContain(squash(s));
    for (let p = 1; p <= pdf.pages; p++)
      expect(squash(pdf.texts[p - 1]!)).toContain(`第${p}页/共${pdf.pages}页`);
    // The DOM text layer (what a person selects and copies) says the same.
    const layer = squash((await page.locator('.textLayer').first().textContent()) ?? '');
    expect(layer).toContain(squash(`${name} ${year}年度履职档案`));
    // The private phone never appears, only its masked form (if the roster has one).
    if (archive.deputy.phoneMasked) expect(all).toContain(archive.deputy.phoneMasked);
    expect(all).not.toMatch(/1[3-9]\d{9}/);
    await page.locator('.page canvas').first().waitFor();
    await screenshot(page, 'archive-pdf');
    expect(errors).toEqual([]);
  });
});
