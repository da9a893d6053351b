/**
 * HTML → PDF through the host's headless Chromium (Debian's `chromium`), driven by playwright-core
 * with its executable path: no browser download. A fresh profile per run, every network request
 * refused (the report is self-contained), no background services.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why a PDF cannot be made on this host, or undefined when it can. */
export function chromiumMissing(executablePath: string): string | undefined {
  try {
    fs.accessSync(executablePath, fs.constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${executablePath} (Debian: apt-get install -y chromium fonts-noto-cjk; or set WUYIN_CHROMIUM)`;
  }
}

type Context = Awaited<ReturnType<typeof import('playwright-core')['chromium']['launchPersistentContext']>>;

/** Prints in a browser context that is already open (tests share one browser per file). */
export async function printPdf(context: Context, html: string): Promise<Buffer> {
  const page = await context.newPage();
  try {
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await page.close();
  }
}

/** A fresh headless Chromium profile (the caller closes the context and removes `profile`). */
export async function launchChromium(executablePath: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: Context; profile: string }> {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, javaScriptEnabled: opts.javaScriptEnabled ?? false });
  return { context, profile };
}

export async function htmlToPdf(html: string, executablePath: string): Promise<Buffer> {
  const missing = chromiumMissing(executablePath);
  if (missing) throw new Error(missing);
  const { context, profile } = await launchChromium(executablePath);
  try {
    return await printPdf(context, html);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
