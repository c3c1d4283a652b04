import type { Locale, SeveritySetting } from '../engine/types';

/** The `elbLint.*` settings the client sends. */
export interface Settings {
  enable: boolean;
  /** `auto` follows the editor's display language. */
  locale: 'auto' | Locale;
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  /** Extra globs (besides `*.elb.yaml|yml|json`) whose files are ELB configurations. */
  files: string[];
}

export const DEFAULT_SETTINGS: Settings = { enable: true, locale: 'auto', rules: {}, run: 'onType', files: [] };

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** Read settings defensively: a client may send anything. */
export function readSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, files: [] };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.locale === 'en' || r.locale === 'zh-cn' || r.locale === 'auto') s.locale = r.locale;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (Array.isArray(r.files)) s.files = r.files.filter((x): x is string => typeof x === 'string');
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (/^ELB\d{3}$/.test(k) && typeof v === 'string' && SEVERITIES.has(v)) s.rules[k] = v as SeveritySetting;
    }
  }
  return s;
}

/** An LSP/VS Code locale (`zh-cn`, `zh-CN`, `zh-tw`, `en-us`…) as one of ours. */
export function localeFrom(editorLocale: string | undefined): Locale {
  return editorLocale && /^zh(-cn|-hans|$)/i.test(editorLocale) ? 'zh-cn' : 'en';
}
