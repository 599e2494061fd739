// Driving the VS Code workbench that code-server serves, in Debian's Chromium through playwright-core,
// the way a person would: the command palette, quick open, the mouse over a word in the editor, the
// Problems view. Webviews are nested iframes (`iframe.webview` → `iframe#active-frame`); the panel is
// the inner frame that holds `#app`.

import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import type { PageGlobals, PageText } from './pageTypes';
import { waitFor } from './processes';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  // No name resolves except loopback: the offline workbench's gallery/telemetry/GitHub calls fail
  // fast instead of waiting on DNS, and nothing can leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

export interface ConsoleEntry {
  readonly type: string;
  readonly text: string;
  /** The script or document the message came from. */
  readonly url: string;
  readonly at: number;
}

export interface Problem {
  readonly severity: 'Error' | 'Warning' | 'Info';
  readonly file: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly source: string;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const NOTIFICATIONS_CENTER = '.notifications-center';
const NOTIFICATION_ITEM = '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item';

/** True for the URL of a VS Code webview's frames (outer `index.html?id=`, inner `fake.html`). */
export function isWebviewUrl(url: string): boolean {
  return url.includes('fake.html') || url.includes('index.html?id=');
}

export function isWebviewFrame(frame: Frame): boolean {
  return isWebviewUrl(frame.url());
}

export class Workbench {
  readonly console: ConsoleEntry[] = [];

  private constructor(readonly context: BrowserContext, readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const wb = new Workbench(context, page);
    page.on('console', (message) => {
      wb.console.push({ type: message.type(), text: message.text(), url: message.location().url, at: Date.now() });
    });
    page.on('pageerror', (error) => {
      wb.console.push({ type: 'pageerror', text: `${error.name}: ${error.message}`, url: page.url(), at: Date.now() });
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The status bar is drawn once the workbench has restored its parts.
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return wb;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }

  /** Close any open quick input, hover or notification focus. */
  async escape(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      if (!(await this.page.locator(QUICK_INPUT).isVisible().catch(() => false))) break;
      await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Wait until every open webview has loaded the page it shows, then for the workbench to have handled
   * what was queued behind that load. When a webview editor becomes visible again (VS Code recreates
   * our panel: retainContextWhenHidden is off), VS Code moves the focus into its page once that page
   * has loaded, and on a loaded machine that can be seconds later. A quick pick opened before then
   * loses the focus and closes, as it would for a person who is that fast; the e2e fresh-clone runs
   * failed so (5b after Close Editor, 7b after Escape). A person waits for the page they just
   * revealed; so does this. Webviews that never finish loading are reported by the step that uses them.
   */
  async settleWebviews(timeoutMs = 20_000): Promise<void> {
    const outer = this.page.frames().filter((f) => f.url().includes('index.html?id='));
    const loaded = `(() => !document.getElementById('pending-frame') && document.getElementById('active-frame')?.contentDocument?.readyState === 'complete')()`;
    const deadline = Date.now() + timeoutMs;
    for (const frame of outer) {
      while (Date.now() < deadline && !(await frame.evaluate(loaded).catch(() => true))) await new Promise((r) => setTimeout(r, 100));
    }
    // The workbench and its webviews share one thread here; a round trip through it lets the focus
    // change queued after the load run before the next key.
    await this.page.evaluate('new Promise((r) => setTimeout(r, 0))').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
  }

  /** Which element has the keyboard focus: the workbench's, and inside each webview frame that has it. */
  async focusOwner(): Promise<string> {
    const describe = `(() => { const a = document.activeElement; if (!a) return 'none'; return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (typeof a.className === 'string' && a.className ? '.' + a.className.trim().split(/\\s+/).slice(0, 3).join('.') : '') + (document.hasFocus() ? ' (document focused)' : ''); })()`;
    const parts = [`workbench: ${String(await this.page.evaluate(describe))}`];
    for (const frame of this.page.frames().filter(isWebviewFrame)) {
      const inFrame = String(await frame.evaluate(describe).catch(() => 'unreadable'));
      if (inFrame.includes('(document focused)')) parts.push(`${frame.url().includes('fake.html') ? 'webview page' : 'webview host'} ${frame.url().slice(-60)}: ${inFrame}`);
    }
    return parts.join('; ');
  }

  /**
   * Command palette: F1, type the title, Enter on the row with exactly that title. Retries while the
   * command is not there yet (the extension host may still be starting).
   */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    const { page } = this;
    await this.settleWebviews();
    await waitFor(`the command "${title}" in the command palette`, timeoutMs, async () => {
      await this.escape();
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT_BOX);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill('>');
      await page.keyboard.type(title, { delay: 5 });
      const row = await this.quickRow((label) => label === title || label.startsWith(`${title},`), 3_000);
      if (!row) return false;
      const focused = page.locator(`${QUICK_ROWS}.focused`).first();
      const focusedLabel = await focused.getAttribute('aria-label', { timeout: 1_000 }).catch(() => null);
      if (focusedLabel === title || focusedLabel?.startsWith(`${title},`)) await page.keyboard.press('Enter');
      else await row.click();
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      return true;
    }, 500);
  }

  /**
   * Run a command that opens a quick pick of its own and wait until its rows satisfy `ready`;
   * returns them. When that pick closes before (hidden for 3 s), the command runs again, at most
   * `attempts` times, each time logged with where the focus went. A person whose pick vanished
   * opens it again; the fresh-clone e2e runs saw the pick close within a second of opening when
   * it was opened just after the panel had the focus (5b after Close Editor, 7b after Escape), and
   * `settleWebviews` alone did not stop it. A pick that never stays open still fails here.
   */
  async runCommandForPick(title: string, ready: (rows: string[]) => boolean, timeoutMs = 15_000, attempts = 3): Promise<string[]> {
    const { page } = this;
    let seen: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.runCommand(title, 30_000);
      const deadline = Date.now() + timeoutMs;
      let hiddenSince: number | null = null;
      while (Date.now() < deadline) {
        if (await page.locator(QUICK_INPUT_BOX).isVisible().catch(() => false)) {
          hiddenSince = null;
          seen = await this.quickRowLabels(1_000).catch(() => seen);
          if (ready(seen)) return seen;
        } else if (hiddenSince === null) {
          hiddenSince = Date.now();
        } else if (Date.now() - hiddenSince > 3_000) {
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      if (Date.now() >= deadline) break;
      console.log(`[e2e] the quick pick of "${title}" closed before it was used (attempt ${attempt} of ${attempts}); focus: ${await this.focusOwner().catch(() => 'unreadable')}`);
    }
    throw new Error(`the quick pick of "${title}" did not show the rows wanted within ${timeoutMs} ms (${attempts} attempts); last rows ${JSON.stringify(seen.slice(0, 5))}; focus: ${await this.focusOwner().catch(() => 'unreadable')}`);
  }

  /** After a command that opens a quick pick of its own: choose the row whose label starts with `label`. */
  async pick(label: string | RegExp | ((text: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const { page } = this;
    await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: timeoutMs });
    const matches = (text: string) => (typeof label === 'string' ? text.startsWith(label) : typeof label === 'function' ? label(text) : label.test(text));
    const row = await this.quickRow(matches, timeoutMs);
    if (!row) {
      const seen = await page.locator(QUICK_ROWS).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      throw new Error(`no quick-pick row matching ${String(label)}; rows: ${JSON.stringify(seen)}`);
    }
    const text = (await row.getAttribute('aria-label')) ?? '';
    await row.click();
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    return text;
  }

  /** The labels of the open quick pick's rows, once there are any. */
  async quickRowLabels(timeoutMs = 10_000): Promise<string[]> {
    const { page } = this;
    await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const labels = await page.locator(QUICK_ROWS).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')).catch(() => [] as string[]);
      if (labels.length > 0 || Date.now() > deadline) return labels;
      await page.waitForTimeout(100);
    }
  }

  /** Type into the open quick input (a filter), replacing what is there. */
  async typeInQuickInput(text: string): Promise<void> {
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible' });
    await input.fill('');
    await this.page.keyboard.type(text, { delay: 5 });
  }

  private async quickRow(matches: (label: string) => boolean, timeoutMs: number): Promise<Locator | undefined> {
    const rows = this.page.locator(QUICK_ROWS);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')).catch(() => [] as string[]);
      const index = labels.findIndex(matches);
      if (index >= 0) return rows.nth(index);
      await this.page.waitForTimeout(100);
    }
    return undefined;
  }

  /** Quick open (Ctrl+P) a workspace file by name and wait for its editor. */
  async openFile(name: string): Promise<void> {
    const { page } = this;
    await this.escape();
    await page.keyboard.press('Control+P');
    await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
    await page.keyboard.type(name, { delay: 5 });
    const row = await this.quickRow((label) => label.startsWith(`${name},`), 15_000);
    if (!row) throw new Error(`quick open found no file named ${name}`);
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /**
   * Put the mouse on `word` in the first visible editor line that contains `line.includes` (and not
   * `line.excludes`), wait for the hover and return its text once it matches `expect`.
   */
  async hover(word: string, line: { includes: string; excludes?: string }, expect: RegExp, timeoutMs = 10_000): Promise<string> {
    const { page } = this;
    // Move away first so a hover from an earlier word closes.
    await page.mouse.move(5, 450);
    await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    // Runs in the page. No named inner functions: tsx compiles with keepNames, whose `__name(...)`
    // helper does not exist in the browser.
    const box = await page.evaluate(
      ({ word, line }) => {
        const { document } = globalThis as unknown as PageGlobals;
        for (const el of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
          const text = (el.textContent ?? '').replace(/\u00a0/g, ' ').trim();
          if (!text.includes(line.includes) || (line.excludes !== undefined && text.includes(line.excludes))) continue;
          const nodes: PageText[] = [];
          const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as PageText);
          const joined = nodes.map((n) => n.data.replace(/\u00a0/g, ' ')).join('');
          const at = joined.indexOf(word);
          if (at < 0 || nodes.length === 0) continue;
          // Map the word's start and end offsets in the joined text to (text node, offset).
          const ends: [PageText, number][] = [];
          for (const target of [at, at + word.length]) {
            let rest = target;
            let found: [PageText, number] | undefined;
            for (const n of nodes) {
              if (rest <= n.data.length) {
                found = [n, rest];
                break;
              }
              rest -= n.data.length;
            }
            const last = nodes[nodes.length - 1]!;
            ends.push(found ?? [last, last.data.length]);
          }
          const range = document.createRange();
          range.setStart(...ends[0]!);
          range.setEnd(...ends[1]!);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
        return null;
      },
      { word, line },
    );
    if (!box) throw new Error(`"${word}" is not on a visible editor line`);
    const x = box.x + Math.min(box.width / 2, 12);
    const y = box.y + box.height / 2;
    // The first hover after opening a file can be lost while the editor and the extension's
    // provider get ready: move off and back onto the word until the hover shows.
    let last = '';
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await page.mouse.move(x - 40, y + 60);
      await page.mouse.move(x - 3, y);
      await page.mouse.move(x, y, { steps: 3 });
      const settle = Math.min(Date.now() + 3_000, deadline);
      while (Date.now() < settle) {
        last = (await page.locator('.monaco-hover:not(.hidden)').allInnerTexts()).join('\n---\n');
        if (expect.test(last)) return last;
        await page.waitForTimeout(150);
      }
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for a hover on "${word}" matching ${String(expect)}; hover text was: ${JSON.stringify(last)}`);
  }

  /** Every row of the Problems view, read from its accessible labels. */
  async problems(): Promise<Problem[]> {
    const { page } = this;
    await this.runCommand('Problems: Focus on Problems View');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const labels: string[] = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const problems: Problem[] = [];
    let file = '';
    for (const label of labels) {
      const fileRow = /^\d+ problems? in file (.+?) of folder /.exec(label);
      if (fileRow) {
        file = fileRow[1]!;
        continue;
      }
      const marker = /^(Error|Warning|Info): ([\s\S]*) at line (\d+) and character (\d+)\.(?: generated by (.*))?$/.exec(label);
      if (marker) {
        problems.push({
          severity: marker[1] as Problem['severity'],
          file,
          message: marker[2]!,
          line: Number(marker[3]),
          column: Number(marker[4]),
          source: marker[5] ?? '',
        });
      }
    }
    return problems;
  }

  /**
   * Open the notification center. code-server runs with the smoke-test driver, which makes VS Code
   * show no toasts: every notification, progress included, is in the center.
   */
  async showNotifications(): Promise<void> {
    if (await this.page.locator(`${NOTIFICATIONS_CENTER}.visible`).count()) return;
    await this.runCommand('Notifications: Show Notifications');
    await this.page.locator(`${NOTIFICATIONS_CENTER}.visible`).waitFor({ state: 'visible', timeout: 5_000 });
  }

  /** The messages of the notifications listed (toasts and the center). */
  async notifications(): Promise<string[]> {
    return this.page.locator(NOTIFICATION_ITEM).evaluateAll((els) => els.map((e) => e.querySelector('.notification-list-item-message')?.textContent?.trim() ?? ''));
  }

  /** Press the button labelled `button` on the notification whose message matches `message`. */
  async pressNotificationButton(message: RegExp, button: string, timeoutMs = 10_000): Promise<void> {
    const item = this.page.locator(NOTIFICATION_ITEM).filter({ has: this.page.locator('.notification-list-item-message', { hasText: message }) }).first();
    await item.locator('.notification-list-item-buttons-container .monaco-button', { hasText: button }).first().click({ timeout: timeoutMs });
  }

  /** The inner frame of a webview whose document has `root` (the panel's `#app`) and satisfies `accept`. */
  async webview(what: string, accept: (frame: Frame) => Promise<boolean> = async () => true, timeoutMs = 20_000, root = '#app'): Promise<Frame> {
    return waitFor(what, timeoutMs, async () => {
      for (const frame of this.page.frames()) {
        if (!isWebviewFrame(frame) || frame.isDetached()) continue;
        if ((await frame.locator(root).count().catch(() => 0)) === 0) continue;
        if (await accept(frame).catch(() => false)) return frame;
      }
      return undefined;
    }, 200);
  }

  /** The workbench's theme kind, from the classes on `.monaco-workbench`. */
  async themeKind(): Promise<'light' | 'dark' | 'hc-dark' | 'hc-light'> {
    const classes = (await this.page.locator('.monaco-workbench').getAttribute('class')) ?? '';
    if (classes.includes('hc-black')) return 'hc-dark';
    if (classes.includes('hc-light')) return 'hc-light';
    if (classes.includes('vs-dark')) return 'dark';
    return 'light';
  }

  /** Preferences: Color Theme → the theme named `label`. */
  async setColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.typeInQuickInput(label);
    await this.pick((text) => text === label || text.startsWith(`${label},`) || text.startsWith(`${label} `));
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, animations: 'disabled', timeout: 15_000 });
  }
}
