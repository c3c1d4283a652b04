import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB017',
  name: 'api-duplicate-id',
  severity: 'info',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'The same API object (same kind and id) appears twice in an export; the first one read is used.',
      details:
        'An export may hold both a listing and a single GET of the same object (`listeners.json` and `listener-<id>.json`), or two pages that overlap. Each object is read once: files are read in path order and the first copy wins; later copies are reported here, pointing at the first, so that a stale copy does not go unnoticed. Remove the copy, or export again so both agree.',
    },
    'zh-cn': {
      summary: '同一个 API 对象（类型和 ID 相同）在导出中出现了两次，使用最先读取的那一个。',
      details:
        '导出中可能同时包含同一对象的列表查询和单个查询结果（如 `listeners.json` 和 `listener-<id>.json`），或两页内容有重叠。每个对象只读取一次：文件按路径顺序读取，以第一个副本为准；之后的副本在此报告并指向第一个，以免过时的副本被忽视。请删除重复副本，或重新导出使二者一致。',
    },
  },
  messages: {
    en: { duplicate: 'This {kind} (`{id}`) was already read from {file}; this copy is ignored.', firstDefinition: 'the {kind} read first' },
    'zh-cn': { duplicate: '此{kind}（`{id}`）已从 {file} 读取，此副本已忽略。', firstDefinition: '最先读取的{kind}' },
  },
  check() {},
});
