import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB001',
  name: 'syntax-error',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'The file cannot be read as a configuration: broken YAML or JSON, a duplicate key, an unknown tag, or input that is not text.',
      details:
        'elb-lint reads the file before any check runs. When the text is not valid YAML or JSON, when a key appears twice in one mapping, when a YAML tag the format does not know is used (tags are never executed), when YAML aliases expand beyond a safe limit, or when the file is empty, binary or not UTF-8, the problem is reported at the exact place it occurs and the checks that need the broken part stay silent.\n\nFix the syntax first: the other findings of the file may change once it parses.',
    },
    'zh-cn': {
      summary: '文件无法按配置读取：YAML/JSON 语法错误、重复的键、未知标签，或文件不是文本。',
      details:
        '在执行任何检查之前，elb-lint 需要先读取文件。文本不是合法的 YAML 或 JSON、同一映射中出现重复的键、使用了本格式不认识的 YAML 标签（标签绝不会被执行）、YAML 别名展开超过安全上限，或文件为空、为二进制、不是 UTF-8 编码时，都会在出错的确切位置报告，依赖这部分内容的检查保持沉默。\n\n请先修正语法：文件能正确解析后，其他检查结果可能会随之变化。',
    },
  },
  messages: {
    en: {
      yaml: 'YAML syntax error: {detail}',
      json: 'JSON syntax error: {detail}',
      duplicateKey: 'Duplicate key {key}: a key may appear only once in a mapping.',
      unknownTag: 'Unknown tag {tag}: elb-lint never interprets tags; write the plain value instead.',
      aliasLimit: 'YAML aliases expand to more than {limit} nodes; the rest is not read (alias bomb protection).',
      undefinedAlias: 'YAML alias *{name} has no anchor &{name} before it: nothing is read here.',
      tooDeep: 'Nesting deeper than {limit} levels; the rest is not read.',
      tooManyErrors: '{count} syntax problems in all; only the first {limit} are shown.',
      complexKey: 'Only plain text keys are supported here.',
      multiDocument: 'Only one YAML document per configuration file is read; this document is ignored.',
      notMapping: 'The top level of a configuration must be a mapping (key: value pairs), starting with `version: 1`.',
      empty: 'The file is empty: an ELB configuration needs at least `version: 1`.',
      tooLarge: 'The file is {size} MB, above the {limit} MB limit; it is not linted.',
      notUtf8: 'The file is not valid UTF-8 (invalid byte 0x{byte}); save it as UTF-8.',
      binary: 'The file holds a NUL byte: it looks binary, not a configuration.',
      utf16: 'The file is encoded as UTF-16; save it as UTF-8.',
    },
    'zh-cn': {
      yaml: 'YAML 语法错误：{detail}',
      json: 'JSON 语法错误：{detail}',
      duplicateKey: '键 {key} 重复：同一映射中每个键只能出现一次。',
      unknownTag: '未知标签 {tag}：elb-lint 不会解释任何标签，请直接写出普通值。',
      aliasLimit: 'YAML 别名展开后超过 {limit} 个节点，其余内容未读取（防止别名炸弹）。',
      undefinedAlias: 'YAML 别名 *{name} 之前没有定义锚点 &{name}，此处未读取任何内容。',
      tooDeep: '嵌套层级超过 {limit} 层，其余内容未读取。',
      tooManyErrors: '共有 {count} 处语法问题，只显示前 {limit} 处。',
      complexKey: '此处只支持普通文本键。',
      multiDocument: '每个配置文件只读取一个 YAML 文档，此文档被忽略。',
      notMapping: '配置的顶层必须是映射（键: 值），并以 `version: 1` 开头。',
      empty: '文件为空：ELB 配置至少需要 `version: 1`。',
      tooLarge: '文件大小为 {size} MB，超过 {limit} MB 的上限，未进行检查。',
      notUtf8: '文件不是有效的 UTF-8 编码（非法字节 0x{byte}），请另存为 UTF-8。',
      binary: '文件包含 NUL 字节，看起来是二进制文件而不是配置。',
      utf16: '文件为 UTF-16 编码，请另存为 UTF-8。',
    },
  },
  check() {},
});
