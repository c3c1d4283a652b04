'use strict';
// End-to-end: the packaged extension (elb-lint.vsix) in a real VS Code workbench — code-server
// 4.100.3 (VS Code 1.100.3, Node extension host) — driven by Debian's chromium via playwright-core.
//
//   node --test --test-reporter=spec test/e2e/vscode.e2e.test.js      (or: npm run test:e2e)
//
// Needs chromium, ripgrep, libkrb5-dev (test/e2e/install-system-deps.sh); installs code-server and
// playwright-core into ~/.cache/elb-lint-e2e on first use (test/e2e/install-code-server.sh).
// Screenshots and, on failure, logs go to $TMPDIR/elb-lint-e2e/vscode (printed; ELB_LINT_E2E_OUT
// overrides). ELB_LINT_E2E_UPDATE_IMAGES=1 copies one screenshot per feature to docs/images/.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, CodeServerSession, ensureCodeServer, buildVsix, launchChromium, outDir, sleep } = require('./lib/code-server');

const EXAMPLE = 'security-groups.elb.yaml';
const FIX_TITLE = 'Allow TCP port 8080 from 100.125.0.0/16';
const t0 = Date.now();
const log = (msg) => console.log(`# [vscode-e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const oneLine = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe('VS Code (code-server 4.100.3) with elb-lint.vsix, driven by Chromium', { timeout: 25 * 60_000 }, () => {
  let out;
  let cacheDir;
  let session;
  let browser;
  let page;
  let failed = false;
  let stopped = false;
  const shots = {};
  const exampleText = fs.readFileSync(path.join(ROOT, 'examples', EXAMPLE), 'utf8');
  /** What the engine says (server/out, freshly built by `npm run package`): errors before/after the fix. */
  const expected = {};
  function expectFromEngine() {
    const engine = require(path.join(ROOT, 'server', 'out', 'engine', 'index.js'));
    const file = path.join(ROOT, 'examples', EXAMPLE);
    const errors = (text) => engine.lintText(text, { path: file }).findings.filter((f) => f.severity === 'error' && !f.suppression);
    const before = errors(exampleText);
    const target = before.find((f) => f.fixes.some((x) => x.title.startsWith(FIX_TITLE)));
    assert.ok(target, `the engine offers no "${FIX_TITLE}" fix for ${EXAMPLE}`);
    const fix = target.fixes.find((x) => x.title.startsWith(FIX_TITLE));
    expected.errorsBefore = before.length;
    expected.errorIds = [...new Set(before.map((f) => f.ruleId))].sort();
    expected.fixedText = engine.applyEdits(exampleText, fix.edits);
    expected.errorsAfter = errors(expected.fixedText).length;
    log(`engine: ${expected.errorsBefore} errors (${expected.errorIds.join(', ')}), ${expected.errorsAfter} after "${fix.title}"`);
  }
  async function statusCount() {
    const text = oneLine(await statusItem().innerText().catch(() => ''));
    const m = /ELB Lint (\d+)/.exec(text);
    return { text, n: m ? Number(m[1]) : undefined };
  }
  /** 1-based line of the first line of the example containing `needle`. */
  const lineOf = (needle, text = exampleText) => {
    const i = text.split('\n').findIndex((l) => l.includes(needle));
    assert.ok(i >= 0, `${EXAMPLE} has no line with ${needle}`);
    return i + 1;
  };

  const editor = () => page.locator('.part.editor .monaco-editor').first();
  const squiggles = () => page.locator('.part.editor .monaco-editor .squiggly-error');
  const statusItem = () => page.locator('.part.statusbar .statusbar-item', { hasText: 'ELB Lint' }).first();

  async function shot(name, settleMs = 400) {
    await sleep(settleMs); // let widgets finish fading in
    const file = path.join(out, `${name}.png`);
    await page.screenshot({ path: file });
    shots[name] = file;
    return file;
  }

  async function editorText() {
    return (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Focus the editor by clicking right of the first visible line (no text there, nothing to hover). */
  async function focusEditor() {
    const box = await editor().boundingBox();
    await page.mouse.click(box.x + box.width - 40, box.y + 8);
  }

  /** Ctrl+G, line number, Enter: reveals the line in the middle of the editor. */
  async function goToLine(line) {
    await focusEditor();
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
  }

  /** Run a command by its title from the Command Palette (Ctrl+Shift+P). */
  async function runCommand(title) {
    await focusEditor();
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
  }

  /**
   * Change a User setting live, the way a user does: Command Palette → "Preferences: Open User
   * Settings (JSON)", add the line at the top, save, back to the example. (Rewriting the file on
   * disk behind code-server's back was not picked up within 60 s.)
   */
  async function setUserSetting(key, value) {
    await runCommand('Preferences: Open User Settings (JSON)');
    await page.locator('.tabs-container .tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 20_000 });
    await editor().locator('.view-lines').waitFor();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End'); // after the opening brace
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(`${JSON.stringify(key)}: ${JSON.stringify(value)},`);
    await page.keyboard.press('Control+s');
    await waitFor(`${key} in ${session.settingsFile}`, async () => {
      let saved;
      try {
        saved = JSON.parse(fs.readFileSync(session.settingsFile, 'utf8'))[key];
      } catch (err) {
        saved = String(err);
      }
      return { ok: saved === value, saved };
    }, 15_000);
    await shot('settings-json');
    await page.locator('.tabs-container .tab', { hasText: EXAMPLE }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: EXAMPLE }).waitFor();
  }

  /** Visible error squiggles, top to bottom, left to right. */
  async function squiggleBoxes() {
    const n = await squiggles().count();
    const boxes = [];
    for (let i = 0; i < n; i++) {
      const b = await squiggles().nth(i).boundingBox();
      if (b) boxes.push(b);
    }
    return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
  }

  async function waitFor(what, fn, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await fn();
      if (last.ok) return last;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)}`);
      await sleep(250);
    }
  }

  async function closeWidgets() {
    await page.mouse.move(2, 400);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  }

  /** A scenario step: skipped once one before it failed; a failure saves a screenshot. */
  function step(name, fn) {
    it(name, { timeout: 180_000 }, async (t) => {
      if (failed) return t.skip('an earlier step failed');
      try {
        await fn(t);
      } catch (err) {
        failed = true;
        if (page) {
          const file = await shot(`FAILED-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
          if (file) log(`failure screenshot: ${file}`);
        }
        throw err;
      }
    });
  }

  async function shutdown() {
    if (stopped) return [];
    stopped = true;
    if (browser) await browser.close().catch(() => undefined);
    let survivors = [];
    if (session) {
      try {
        survivors = await session.stop();
      } finally {
        if (failed) for (const p of session.saveLogs(out, '')) log(`saved log: ${p}`);
        session.remove();
      }
    }
    return survivors;
  }

  before(async () => {
    out = outDir('vscode');
    log(`screenshots and logs: ${out}`);
    try {
      cacheDir = ensureCodeServer();
      log(`code-server cache: ${cacheDir}`);
      const vsix = buildVsix();
      log(`built ${path.relative(ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);
      expectFromEngine();
      session = new CodeServerSession({ cacheDir, vsix, workspaceSource: path.join(ROOT, 'examples') });
      await session.start();
      log(`code-server on 127.0.0.1:${session.port}, process group ${session.pgid}, profile ${session.dir}`);
      browser = await launchChromium(cacheDir, session.dir);
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (e) => log(`page error: ${e.message.split('\n')[0]}`));
      await page.goto(session.url());
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      log('workbench loaded');
    } catch (err) {
      failed = true;
      if (page) log(`failure screenshot: ${await shot('FAILED-setup').catch(() => '(none)')}`);
      await shutdown().catch((e) => log(`cleanup: ${e.message}`));
      throw err;
    }
  }, { timeout: 20 * 60_000 });

  after(async () => {
    await shutdown().catch((e) => log(`cleanup: ${e.message}`));
    log(`screenshots: ${out}`);
    if (process.env.ELB_LINT_E2E_UPDATE_IMAGES === '1' && !failed) {
      const dir = path.join(ROOT, 'docs', 'images');
      fs.mkdirSync(dir, { recursive: true });
      for (const name of ['diagnostics', 'hover', 'problems', 'quickfix', 'completion', 'chinese', 'topology']) {
        if (shots[name]) fs.copyFileSync(shots[name], path.join(dir, `${name}.png`));
      }
      log(`copied screenshots to ${dir}`);
    }
  });

  step(`opens ${EXAMPLE} and shows error squiggles from the language server`, async () => {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: EXAMPLE }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: EXAMPLE }).waitFor();
    await editor().locator('.view-lines').waitFor();
    // The findings are on the members (line 55 on): bring them into view.
    await goToLine(lineOf('{server: web-1, protocol_port: 8080}'));
    await squiggles().first().waitFor({ state: 'attached', timeout: 90_000 });
    await waitFor(`the status bar item "ELB Lint ${expected.errorsBefore}"`, async () => {
      const c = await statusCount();
      return { ok: c.n === expected.errorsBefore, ...c };
    });
    log(`${await squiggles().count()} error squiggles on screen`);
    await shot('diagnostics');
  });

  step('hovering a squiggle shows the FAQ-cited message with its rule ID', async () => {
    const [first] = await squiggleBoxes();
    assert.ok(first, 'no squiggle on screen');
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
    const hover = page.locator('.monaco-hover-content', { hasText: /ELB10[12]/ }).filter({ hasText: 'FAQ' }).first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const text = oneLine(await hover.innerText());
    log(`hover: ${text.slice(0, 220)}`);
    assert.match(text, /ELB10[12]/);
    assert.match(text, /FAQ \d/);
    assert.match(text, /100\.125\.0\.0\/16/);
    await shot('hover');
    await closeWidgets();
  });

  step('the Problems panel lists the elb-lint findings', async () => {
    await focusEditor();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'elb-lint' });
    await rows.first().waitFor({ timeout: 30_000 });
    // Maximize the panel so that every row (and its related-information rows) is rendered.
    await page.locator('.part.panel .action-label[aria-label^="Maximize Panel Size"]').click();
    const { texts } = await waitFor('5 elb-lint rows in Problems', async () => {
      const texts = (await rows.allInnerTexts()).map(oneLine);
      return { ok: texts.length >= 5, texts };
    });
    const all = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(oneLine);
    for (const t of all) log(`problems row: ${t.slice(0, 200)}`);
    for (const id of new Set(['ELB101', 'ELB102', 'ELB105', ...expected.errorIds])) {
      const row = texts.find((t) => t.includes(id));
      assert.ok(row, `no ${id} row in Problems`);
      assert.match(row, /FAQ \d/, `the ${id} message cites the FAQ`);
    }
    await shot('problems');
    await page.locator('.part.panel .action-label[aria-label^="Restore Panel Size"]').click();
  });

  step(`the quick fix "${FIX_TITLE} …" from Ctrl+. adds the rule and clears the squiggles`, async () => {
    await goToLine(lineOf('{server: web-1, protocol_port: 8080}'));
    const before = await squiggleBoxes();
    assert.ok(before.length >= 2, `expected the ELB101 and ELB102 squiggles on screen, saw ${before.length}`);
    // The second squiggle on the first finding line is ELB102 on `8080`.
    const target = before[1];
    await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
    const bulb = editor().locator('.lightBulbWidget');
    await bulb.waitFor({ state: 'visible', timeout: 20_000 });
    log(`light bulb: ${await bulb.getAttribute('class')}`);
    await page.keyboard.press('Control+Period');
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.filter({ hasText: FIX_TITLE }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const titles = (await rows.allInnerTexts()).map(oneLine).filter(Boolean);
    log(`quick fixes: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /Disable ELB10[12] for this line/.test(t)), 'the "Disable … for this line" fix is offered');
    // The preferred fix is focused; move to it if not.
    for (let i = 0; i < titles.length; i++) {
      const focused = oneLine(await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => ''));
      if (focused.includes(FIX_TITLE)) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.ok(oneLine(await page.locator('.action-widget .monaco-list-row.focused').innerText()).includes(FIX_TITLE));
    await shot('quickfix');
    await page.keyboard.press('Enter');
    await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);

    // ELB101 and ELB102 on both members share this fix.
    await waitFor(`the status bar item "ELB Lint ${expected.errorsAfter}"`, async () => {
      const c = await statusCount();
      return { ok: c.n === expected.errorsAfter, ...c };
    });
    await goToLine(lineOf('{server: web-1, protocol_port: 8080}') + 1);
    const { n } = await waitFor('fewer squiggles', async () => {
      const n = await squiggles().count();
      return { ok: n < before.length, n };
    });
    log(`squiggles on screen: ${before.length} -> ${n}; errors: ${expected.errorsBefore} -> ${expected.errorsAfter}`);
    await shot('quickfix-applied-findings');
    // The new rule is in the editor's text (unsaved), right after sg-web's rules.
    await goToLine(lineOf('remote_ip_prefix: 192.168.20.5/32') + 1);
    const text = await editorText();
    const added = text.split('\n').find((l) => l.includes('100.125.0.0/16') && l.includes('priority: 1'));
    assert.ok(added, `no line with 100.125.0.0/16 and priority: 1 in the editor:\n${text}`);
    assert.match(added, /protocol: tcp, port_range_min: 8080, port_range_max: 8080/);
    log(`added: ${added.trim()}`);
    await shot('quickfix-applied');
  });

  step('completion (Ctrl+Space) in a listener offers protocol and protocol_port', async () => {
    // A new listener item after the last listener: `      - prot`, then Ctrl+Space.
    await goToLine(lineOf('default_pool: syslog-pool', expected.fixedText)); // the text after the quick fix
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('      - prot', { delay: 30 });
    await page.keyboard.press('Escape'); // whatever the trigger characters opened
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget');
    await widget.locator('.monaco-list-row', { hasText: 'protocol_port' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map(oneLine);
    log(`completion: ${labels.join(', ')}`);
    // Show the documentation of the focused item too (Ctrl+Space again toggles it; remembered per profile).
    const details = page.locator('.suggest-details-container .suggest-details');
    if (!(await details.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+Space');
      await details.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => log('completion details did not open'));
      // Re-focus the item so that the details panel is laid out for its full text.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
    }
    assert.ok(labels.includes('protocol'), `protocol not offered: ${labels}`);
    assert.ok(labels.includes('protocol_port'), `protocol_port not offered: ${labels}`);
    await shot('completion', 1200);
    // Accept `protocol` (a snippet with the protocol choices).
    while (!oneLine(await widget.locator('.monaco-list-row.focused .label-name').innerText()).match(/^protocol$/)) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await waitFor('the accepted completion in the text', async () => {
      const text = await editorText();
      return { ok: /- protocol: [A-Z]+/.test(text), line: text.split('\n').find((l) => l.includes('- prot')) };
    }, 15_000);
    await shot('completion-accepted');
    await closeWidgets();
    // Back to the file as it is on disk (the edits were never saved).
    await runCommand('File: Revert File');
    await waitFor(`the status bar item "ELB Lint ${expected.errorsBefore}" again`, async () => {
      const c = await statusCount();
      return { ok: c.n === expected.errorsBefore, ...c };
    });
  });

  step('"ELB Lint: Show Topology" opens the picture beside the editor: red on the ELB101 member, click reveals it, its quick fix applies', async () => {
    // More room for the picture (and the README screenshot); restored at the end.
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.locator('.tabs-container .tab', { hasText: EXAMPLE }).first().click();
    await runCommand('ELB Lint: Show Topology');
    await page.locator('.tabs-container .tab', { hasText: 'ELB Topology' }).first().waitFor({ timeout: 30_000 });
    // VS Code hosts a webview in an iframe that holds the content frame.
    const view = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    const red = view.locator('svg.elb-topology g.node.sev-error');
    await red.first().waitFor({ state: 'attached', timeout: 90_000 });
    const redLabels = (await red.locator('text.title').allTextContents()).map(oneLine);
    log(`topology: ${await view.locator('svg.elb-topology g.node').count()} nodes, red: ${redLabels.join(', ')}`);
    assert.ok(redLabels.includes('web-1:8080'), `web-1:8080 is red: ${redLabels}`);
    assert.ok((await view.locator('svg.elb-topology g.edge.status-blocked').count()) >= 2, 'blocked ELB traffic edges');
    // The stylesheet is the extension's (CSP: no inline styles): the red node is painted with the theme's error colour.
    const stroke = await red.first().locator('rect.box').evaluate((r) => getComputedStyle(r).stroke);
    log(`red node stroke: ${stroke}`);
    assert.notEqual(stroke, 'none');
    const csp = await page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame').locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-/);
    await shot('topology-opened', 800);

    // Room for the picture: no Problems panel, no side bar (both come back at the end).
    await runCommand('View: Toggle Panel Visibility');
    await runCommand('View: Toggle Primary Side Bar Visibility');
    // Click the red member: the editor reveals its line and the panel lists ELB101 with its fix.
    const web1 = view.locator('svg.elb-topology g.node.sev-error', { hasText: 'web-1:8080' }).first();
    await web1.click();
    const line = lineOf('{server: web-1, protocol_port: 8080}');
    const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
    await waitFor(`the cursor on line ${line}`, async () => {
      const text = oneLine(await selection.innerText().catch(() => ''));
      return { ok: text.startsWith(`Ln ${line},`), text };
    });
    const finding = view.locator('#details .finding', { hasText: 'ELB101' }).first();
    await finding.waitFor({ timeout: 15_000 });
    const fix = finding.locator('button.fix', { hasText: FIX_TITLE }).first();
    await fix.waitFor({ timeout: 15_000 });
    await shot('topology', 800);
    await fix.click();
    await waitFor(`the status bar item "ELB Lint ${expected.errorsAfter}" after the fix from the view`, async () => {
      const c = await statusCount();
      return { ok: c.n === expected.errorsAfter, ...c };
    });
    // The view follows the edit: web-1 is no longer red.
    await waitFor('web-1:8080 no longer red in the view', async () => {
      const labels = (await view.locator('svg.elb-topology g.node.sev-error text.title').allTextContents()).map(oneLine);
      return { ok: !labels.includes('web-1:8080'), labels };
    });
    await shot('topology-fixed', 400);
    // Close the view and put the file back as it is on disk.
    await page.locator('.tabs-container .tab', { hasText: 'ELB Topology' }).first().locator('.codicon-close').click();
    await page.locator('.tabs-container .tab', { hasText: EXAMPLE }).first().click();
    await runCommand('File: Revert File');
    await waitFor(`the status bar item "ELB Lint ${expected.errorsBefore}" again`, async () => {
      const c = await statusCount();
      return { ok: c.n === expected.errorsBefore, ...c };
    });
    await runCommand('View: Toggle Primary Side Bar Visibility');
    await runCommand('View: Toggle Panel Visibility');
    await focusEditor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ timeout: 15_000 });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step('elbLint.locale = zh-cn (set live in the User settings.json) gives Chinese messages', async () => {
    await setUserSetting('elbLint.locale', 'zh-cn');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'elb-lint' });
    const { texts } = await waitFor('a Chinese message in Problems', async () => {
      const texts = (await rows.allInnerTexts()).map(oneLine);
      return { ok: texts.some((t) => /健康检查|安全组/.test(t)), texts };
    }, 60_000);
    for (const t of texts) log(`problem (zh-cn): ${t.slice(0, 160)}`);
    // The hover of the remaining ELB105 squiggle is Chinese too.
    await goToLine(lineOf('{server: syslog-1, protocol_port: 514}'));
    // The bottom-most squiggle: ELB105 on `syslog-1`.
    const sq = (await squiggleBoxes()).pop();
    assert.ok(sq, 'no squiggle on screen');
    await page.mouse.move(sq.x + sq.width / 2, sq.y + sq.height / 2);
    const hover = page.locator('.monaco-hover-content', { hasText: /健康检查|安全组/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    log(`hover (zh-cn): ${oneLine(await hover.innerText()).slice(0, 200)}`);
    await shot('chinese');
    await closeWidgets();
  });

  it('stopping code-server ends its whole process group', { timeout: 60_000 }, async (t) => {
    if (!session) return t.skip('code-server did not start');
    const pgid = session.pgid;
    const survivors = await shutdown();
    if (survivors.length) log(`needed SIGKILL: ${survivors.join('; ')}`);
    assert.throws(() => process.kill(-pgid, 0), /ESRCH/, `process group ${pgid} still has members`);
  });
});
