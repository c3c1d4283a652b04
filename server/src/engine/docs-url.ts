/** Where rule pages are published (the `docs/rules/` folder of the repository). */
export const DOCS_BASE_URL = 'https://github.com/elb-lint/elb-lint/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
