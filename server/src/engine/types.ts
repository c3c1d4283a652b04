/**
 * Public types of the elb-lint engine. The engine imports nothing from `vscode` or
 * `vscode-languageserver`: the CLI and the language server both consume these plain data types.
 */

/** A half-open span of UTF-16 offsets `[start, end)` in one source text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Locale = 'en' | 'zh-cn';
export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/** A text edit on one file: replace `span` with `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
  /** The file to edit when it is not the finding's own (a Terraform fix adding a block to another file of the module). */
  path?: string;
}

export interface Fix {
  /** Localised title shown in the editor's light bulb and in SARIF. */
  title: string;
  edits: TextEdit[];
  /** The obvious fix for the finding (the editor's preferred quick fix). */
  isPreferred?: boolean;
}

export interface RelatedLocation {
  /** Path of the file (the same file for every format of this release). */
  path: string;
  span: Span;
  message: string;
}

export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  span: Span;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Set when a directive or an override suppressed the finding. */
  suppression?: Suppression;
}

/**
 * Input formats: our own YAML/JSON, Terraform HCL (`.tf`), Terraform JSON syntax (`.tf.json`),
 * `terraform show -json` plan output, ELB/VPC API response JSON, Kubernetes manifests on CCE.
 */
export type SourceFormat = 'elb-yaml' | 'elb-json' | 'terraform' | 'terraform-json' | 'terraform-plan' | 'api-json' | 'kubernetes';
