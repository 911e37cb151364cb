// The Electron shell: a window, the app:// protocol, IPC wiring and printing. The application
// itself is core; every decision about what to trust is a pure function in core/security.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, session as electronSession, shell } from 'electron';
import { channels } from '../../shared/contract';
import { dispatch } from '../core/dispatch';
import { createHandlers } from '../core/handlers';
import { LedgerSession } from '../core/session';
import { ledgersDirIn } from '../core/appPaths';
import { appVersion } from '../core/version';
import { APP_ORIGIN, contentSecurityPolicy, isTrustedAppUrl, isTrustedSender, resolveAppUrl } from '../core/security/policy';
import { pdfMarginsMm, pdfTemplates } from '../core/reports/printOptions';
import { estimatePages, printTimeoutMs, withPrintDeadline } from '../core/reports/printDeadline';
import type { ReportLanguage } from '../../shared/reportScope';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererRoot = path.join(__dirname, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function dbArgument(): string | undefined {
  const i = process.argv.indexOf('--db');
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Hidden, script-less windows that printed without error, kept for the next print: a new window
 *  is a new renderer process that sets up its fonts again (about 1.5 CPU seconds), and a large
 *  report prints in many parts. At most a few are kept; any print that failed or ran out of time
 *  destroys its window. */
const idlePrintWindows: BrowserWindow[] = [];
const MAX_IDLE_PRINT_WINDOWS = 4;

async function printPdf(html: string, opts: { language?: ReportLanguage; draft?: boolean; label?: string; tagged?: boolean; headerFooter?: boolean } = {}): Promise<Buffer> {
  // A temp file avoids data: URL size limits.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-report-')), 'report.html');
  fs.writeFileSync(file, html);
  const reused = idlePrintWindows.pop();
  const win = reused && !reused.isDestroyed() ? reused : new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false, contextIsolation: true } });
  const inch = (mm: number) => mm / 25.4;
  const work = (async () => {
    await win.loadFile(file);
    return win.webContents.printToPDF({
      pageSize: 'A4', printBackground: true, displayHeaderFooter: !opts.draft && opts.headerFooter !== false,
      headerTemplate: pdfTemplates(opts.language).headerTemplate, footerTemplate: pdfTemplates(opts.language).footerTemplate,
      margins: { top: inch(pdfMarginsMm.top), bottom: inch(pdfMarginsMm.bottom), left: inch(pdfMarginsMm.left), right: inch(pdfMarginsMm.right) },
      generateDocumentOutline: opts.tagged ?? true, generateTaggedPDF: opts.tagged ?? true, // the outline is built from the tags
    });
  })();
  let ok = false;
  try {
    // Never hang: past a size-scaled deadline the printing window (its renderer process) is destroyed.
    const pdf = await withPrintDeadline(work, { ms: printTimeoutMs(html), label: opts.label ?? 'report', pages: estimatePages(html), stop: () => win.destroy() });
    ok = true;
    return pdf;
  } finally {
    if (ok && !win.isDestroyed() && idlePrintWindows.length < MAX_IDLE_PRINT_WINDOWS) idlePrintWindows.push(win);
    else if (!win.isDestroyed()) win.destroy();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The system print dialog for the report: the same HTML as the PDF, in a hidden script-less window. */
async function printDialog(html: string, opts: { language?: ReportLanguage } = {}): Promise<boolean> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-print-')), 'report.html');
  fs.writeFileSync(file, html);
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false, contextIsolation: true } });
  try {
    await win.loadFile(file);
    return await new Promise<boolean>((resolve) => {
      win.webContents.print({ silent: false, printBackground: true, pageSize: 'A4', footer: pdfTemplates(opts.language).footerText }, (ok) => resolve(ok));
    });
  } finally {
    win.destroy();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400, height: 900, title: "Arm's Length", show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Kept print windows are hidden windows too: without this they would keep the app from quitting.
  win.on('closed', () => { for (const w of idlePrintWindows.splice(0)) if (!w.isDestroyed()) w.destroy(); });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle('app', async (request) => {
    const file = resolveAppUrl(request.url, rendererRoot);
    if (!file || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    return new Response(response.body, { status: response.status, headers });
  });

  const dbFile = dbArgument();
  const ledgers = new LedgerSession(dbFile ? path.dirname(path.resolve(dbFile)) : ledgersDirIn(app.getPath('userData')), dbFile && path.resolve(dbFile));
  let win: BrowserWindow | null = null;
  const handlers = createHandlers(ledgers, {
    appVersion, printPdf, printDialog,
    emit: (event, payload) => win?.webContents.send(event, payload),
  });
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      if (!isTrustedSender(sender, devServerUrl)) {
        return { ok: false, error: { code: 'invalid_input', message: 'Refused: the call did not come from the app window.', details: [] } };
      }
      return dispatch(handlers, channel, input);
    });
  }
  win = createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) win = createWindow(); });
  app.on('will-quit', () => ledgers.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
