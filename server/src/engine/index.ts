export * from './types';
export { lintText, detectFormat, isConfigFile, type LintOptions, type LintResult } from './lint';
export { fixAll, type FixAllResult } from './fix/fix-all';
export { applyEdits, chooseFixes } from './fix/apply';
export { allRules, faqRules, structuralRules, getRule } from './rules/index';
export type { Rule, RuleMeta, RuleDocs } from './rules/rule';
export { SourceText, type Position } from './text/source';
export { ruleDocsUrl, DOCS_BASE_URL } from './docs-url';
