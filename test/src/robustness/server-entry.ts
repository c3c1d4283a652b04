/**
 * A test-only entry of the language server (run as its own process by server-abuse.test.ts):
 * registers one extra rule that throws on any configuration with a load balancer named `boom`,
 * through the engine's own rule list, then starts the real server. With --expose-gc, SIGUSR2
 * makes it collect garbage and print `HEAP <bytes>` on stderr (for the memory test).
 */
import { faqRules } from '../../../server/out/engine/rules/index';
import type { Rule } from '../../../server/out/engine/rules/rule';

const doc = { summary: 'Test rule that throws.', details: 'Test only.' };
const throwing: Rule = {
  id: 'ELB999',
  name: 'test-throwing-rule',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: { en: doc, 'zh-cn': doc },
  messages: { en: { default: 'never reported' }, 'zh-cn': { default: 'never reported' } },
  check(ctx) {
    if (ctx.model.loadbalancers?.some((lb) => lb.name === 'boom')) throw new Error('injected failure for the test');
  },
};
faqRules.push(throwing);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  process.on('SIGUSR2', () => {
    gc();
    gc();
    process.stderr.write(`HEAP ${process.memoryUsage().heapUsed}\n`);
  });
}

require('../../../server/out/lsp/start');
