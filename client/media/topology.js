// The topology webview's script (bundled to dist/media/topology.js). It draws the SVG the language
// server renders (elbLint/topology), lets the user zoom and pick an object, and asks the extension
// to reveal objects and apply quick fixes. Text from the configuration is only ever set with
// textContent; the SVG is parsed as XML (scripts in it would not run, and it has none).
// @ts-check
(function () {
  // @ts-ignore -- provided by VS Code inside webviews
  const vscode = acquireVsCodeApi();
  /** @type {{zoom: number, fit: boolean, selected: string | null}} */
  const state = Object.assign({ zoom: 1, fit: true, selected: null }, vscode.getState() || {});
  /** @type {Record<string, string>} */
  let S = {};
  /** @type {any} */
  let data = null;

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const canvas = $('canvas');
  const details = $('details');
  const fileLabel = $('file');
  const countsLabel = $('counts');

  function save() {
    vscode.setState(state);
  }

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svgEl() {
    return /** @type {SVGSVGElement | null} */ (canvas.querySelector('svg.elb-topology'));
  }

  function applyZoom() {
    const svg = svgEl();
    if (!svg || !data) return;
    if (state.fit) {
      // As wide as the view (never larger than life, never too small to read); scroll vertically.
      const avail = Math.max(100, canvas.clientWidth - 8);
      state.zoom = Math.max(0.4, Math.min(1, avail / data.width));
    }
    svg.setAttribute('width', String(Math.round(data.width * state.zoom)));
    svg.setAttribute('height', String(Math.round(data.height * state.zoom)));
  }

  /** @param {number} factor */
  function zoomBy(factor) {
    state.fit = false;
    state.zoom = Math.min(3, Math.max(0.1, state.zoom * factor));
    applyZoom();
    save();
  }

  /** @param {string} text */
  function showMessage(text) {
    data = null;
    const p = el('p', 'message', text);
    p.id = 'message';
    canvas.replaceChildren(p);
    details.replaceChildren();
    countsLabel.textContent = '';
  }

  /**
   * @param {any} f a finding
   * @param {string} nodeId
   * @param {'findings' | 'related' | 'unplaced'} list
   * @param {number} index
   */
  function findingItem(f, nodeId, list, index) {
    const box = el('div', `finding sev-${f.severity}`);
    box.dataset.rule = f.ruleId;
    const head = el('div');
    head.append(el('span', 'sev', f.severity), el('span', 'rule', f.ruleId));
    box.append(head, el('div', 'text', f.message));
    const actions = el('div', 'actions');
    for (const title of f.fixes || []) {
      const b = /** @type {HTMLButtonElement} */ (el('button', 'primary fix', title));
      b.type = 'button';
      b.addEventListener('click', () => vscode.postMessage({ type: 'fix', nodeId, list, index, title }));
      actions.append(b);
    }
    if (f.location) {
      const a = el('a', 'link', S.reveal || 'Go to');
      a.setAttribute('role', 'button');
      a.tabIndex = 0;
      const go = () => vscode.postMessage({ type: 'revealFinding', nodeId, list, index });
      a.addEventListener('click', go);
      a.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') go();
      });
      actions.append(a);
    }
    box.append(actions);
    return box;
  }

  function renderDetails() {
    details.replaceChildren();
    if (!data) return;
    const node = state.selected ? data.nodes.find((/** @type {any} */ n) => n.id === state.selected) : undefined;
    if (!node) {
      details.append(el('p', 'hint', S.hint || ''));
      if (data.unplaced.length) {
        details.append(el('h3', undefined, S.unplaced || 'Other findings'));
        data.unplaced.forEach((/** @type {any} */ f, /** @type {number} */ i) => details.append(findingItem(f, '', 'unplaced', i)));
      }
      return;
    }
    details.append(el('h2', undefined, node.label[0]));
    const facts = el('ul', 'facts');
    for (const line of node.label.slice(1)) facts.append(el('li', undefined, line));
    details.append(facts);
    details.append(el('h3', undefined, S.findings || 'Findings'));
    if (!node.findings.length) details.append(el('p', 'hint', S.noFindings || ''));
    node.findings.forEach((/** @type {any} */ f, /** @type {number} */ i) => details.append(findingItem(f, node.id, 'findings', i)));
    if (node.related.length) {
      details.append(el('h3', undefined, S.related || 'Related'));
      node.related.forEach((/** @type {any} */ f, /** @type {number} */ i) => details.append(findingItem(f, node.id, 'related', i)));
    }
  }

  function markSelected() {
    for (const g of canvas.querySelectorAll('g.node.selected')) g.classList.remove('selected');
    if (!state.selected) return;
    const g = canvas.querySelector(`g.node[data-id="${CSS.escape(state.selected)}"]`);
    if (g) g.classList.add('selected');
  }

  /** @param {string} id */
  function select(id) {
    state.selected = id;
    save();
    markSelected();
    renderDetails();
    vscode.postMessage({ type: 'reveal', nodeId: id });
  }

  /** @param {any} m */
  function update(m) {
    const doc = new DOMParser().parseFromString(m.result.svg, 'image/svg+xml');
    const root = doc.documentElement;
    if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
      showMessage(S.failed ? S.failed.replace('{0}', 'SVG') : 'SVG');
      return;
    }
    data = m.result;
    fileLabel.textContent = m.file || '';
    const c = data.counts;
    countsLabel.textContent = (S.counts || 'errors {0} · warnings {1} · info {2}').replace('{0}', c.errors).replace('{1}', c.warnings).replace('{2}', c.infos);
    const scrollLeft = canvas.scrollLeft;
    const scrollTop = canvas.scrollTop;
    canvas.replaceChildren(document.importNode(root, true));
    if (state.selected && !data.nodes.some((/** @type {any} */ n) => n.id === state.selected)) state.selected = null;
    applyZoom();
    markSelected();
    renderDetails();
    canvas.scrollLeft = scrollLeft;
    canvas.scrollTop = scrollTop;
    document.body.dataset.ready = 'true';
  }

  canvas.addEventListener('click', (e) => {
    const g = /** @type {Element} */ (e.target).closest('g.node');
    const id = g && g.getAttribute('data-id');
    if (id) select(id);
  });
  canvas.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const g = /** @type {Element} */ (e.target).closest('g.node');
    const id = g && g.getAttribute('data-id');
    if (id) {
      e.preventDefault();
      select(id);
    }
  });
  canvas.addEventListener('wheel', (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
  }, { passive: false });
  $('zoom-in').addEventListener('click', () => zoomBy(1.25));
  $('zoom-out').addEventListener('click', () => zoomBy(0.8));
  $('zoom-fit').addEventListener('click', () => {
    state.fit = true;
    applyZoom();
    save();
  });
  window.addEventListener('resize', () => {
    if (state.fit) applyZoom();
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'strings') {
      S = m.strings || {};
      $('zoom-fit').textContent = S.fit || 'Fit';
      $('zoom-in').title = S.zoomIn || '';
      $('zoom-out').title = S.zoomOut || '';
      if (!data) showMessage(S.loading || '');
    } else if (m.type === 'message') {
      if (m.file !== undefined) fileLabel.textContent = m.file;
      showMessage(m.text);
    } else if (m.type === 'update') {
      update(m);
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
