/**
 * The contract between the lint pipeline and the readers of each input format.
 *
 * A reader turns one or more files into the one ELB model (`model/types.ts`) plus the problems it
 * found while reading (syntax, schema, references, format-specific checks). The pipeline
 * (`lint.ts`) then runs every FAQ rule on the model, routes each finding to the file its span lies
 * in, applies suppression directives and sorts the result. Rules never learn which format they read.
 *
 * Some formats are read a group of files at a time: a Terraform module is every `.tf` file of a
 * directory (plus `*.tfvars`), an API export is every JSON file of a directory. `groupKey` tells
 * the callers (CLI, language server) which files belong together; the model is built from the
 * whole group and findings are reported in whichever file they concern.
 */
import type { Model } from '../model/types';
import type { SourceText } from '../text/source';
import type { Locale, Severity, Span, SourceFormat } from '../types';

export interface InputFile {
  /** Path as the caller names it (absolute in the CLI and the server). */
  path: string;
  text: string;
}

/** A text edit in a named file (`path` absent: the file of the finding it belongs to). */
export interface FileEdit {
  path?: string;
  span: Span;
  newText: string;
}

/** A problem a reader found (reported under a structural rule ID such as ELB001–ELB004). */
export interface ReaderProblem {
  ruleId: string;
  /** The file the span lies in. */
  path: string;
  span: Span;
  /** Message id in the rule's `messages`; `data` fills its template. */
  messageId: string;
  data?: Record<string, string | number>;
  /** A message already rendered in the requested locale (schema validation renders its own). */
  message?: string;
  /** Overrides the rule's default severity (a configured severity still wins). */
  severity?: Severity;
  related?: { path: string; span: Span; messageId: string; data?: Record<string, string | number>; message?: string }[];
  fixes?: { messageId: string; data?: Record<string, string | number>; edits: FileEdit[]; preferred?: boolean }[];
}

/** A comment of a file, for `elb-lint-disable-*` directives (`offset` = the comment marker). */
export interface SourceComment {
  offset: number;
  /** The text after the comment marker (`#`, `//`). */
  text: string;
  /** Length of the marker (`#` = 1, the default; `//` = 2). */
  markerLength?: number;
}

/** Suppression written on an object rather than in a comment (Kubernetes `elb-lint.io/ignore`). */
export interface ObjectSuppression {
  path: string;
  /** Findings whose span lies inside this span are suppressed. */
  span: Span;
  /** Rule IDs (empty: every rule). */
  rules: string[];
  reason?: string;
  /** Where the suppression is written (for "unused suppression" reports). */
  at: Span;
}

export interface ReadResult {
  /** The model; absent when nothing could be read (a syntax error before any object). */
  model?: Model;
  problems: ReaderProblem[];
  /** Comments by file path, scanned for `elb-lint-disable-*` directives. */
  comments: Map<string, SourceComment[]>;
  objectSuppressions?: ObjectSuppression[];
  /** Format-specific data for editor features (hover, completion) keyed by file path. */
  editorData?: Map<string, unknown>;
}

export interface ReadContext {
  locale: Locale;
  /** The one `SourceText` of each input file (share it: findings and origins compare paths). */
  sourceOf(path: string): SourceText;
  /** Whether a rule is on (a reader may skip work whose findings nobody would see). */
  enabled(ruleId: string): boolean;
  /**
   * The editor data this reader returned for the previous version of a file, when the caller has
   * it (the language server, per keystroke): a reader may reuse the parts an edit did not touch.
   */
  previous?(path: string): unknown;
}

export interface FormatReader {
  format: SourceFormat;
  /** Whether this reader reads the file, from its path and (sniffed) text. Cheap: called per file. */
  accepts(path: string, text: string): boolean;
  /**
   * Files read together: files with the same key form one group (a Terraform module = its
   * directory). Absent: every file is read alone.
   */
  groupKey?(path: string): string;
  /** Whether a file that is not itself accepted belongs to a group as input (`*.tfvars`). */
  companion?(path: string): boolean;
  /** Read a group of files (at least one). Never throws for problems of the input. */
  read(files: InputFile[], ctx: ReadContext): ReadResult;
}
