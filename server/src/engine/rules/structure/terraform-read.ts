import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB006',
  name: 'terraform-read-error',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'A Terraform file (`.tf`, `.tfvars`) cannot be read: HCL syntax errors, or the HCL parser could not be loaded.',
      details:
        'Terraform files are parsed with the tree-sitter HCL grammar before any check runs. Text the parser cannot place, or a token it expected and did not find (an unclosed brace or string), is reported where it occurs; the resources around it are still read where possible, and checks that need the broken part stay silent.\n\nThe parser is WebAssembly loaded when the linter starts. If it cannot be loaded (a damaged installation), every Terraform file gets one finding that says so instead of silently passing.',
    },
    'zh-cn': {
      summary: 'Terraform 文件（`.tf`、`.tfvars`）无法读取：HCL 语法错误，或 HCL 解析器未能加载。',
      details:
        '在执行任何检查之前，Terraform 文件先由 tree-sitter 的 HCL 语法解析。解析器无法识别的文本，或缺少的符号（未闭合的花括号或字符串），会在出现的位置报告；周围的资源仍尽量读取，依赖出错部分的检查保持沉默。\n\n解析器是在检查工具启动时加载的 WebAssembly。若无法加载（安装已损坏），每个 Terraform 文件都会得到一条说明此情况的结果，而不是静默通过。',
    },
  },
  messages: {
    en: {
      unexpected: 'HCL syntax error: unexpected `{text}`.',
      missing: 'HCL syntax error: `{text}` expected here.',
      parserUnavailable: 'Terraform files cannot be checked: the HCL parser is not loaded ({detail}).',
    },
    'zh-cn': {
      unexpected: 'HCL 语法错误：此处不应出现 `{text}`。',
      missing: 'HCL 语法错误：此处缺少 `{text}`。',
      parserUnavailable: '无法检查 Terraform 文件：HCL 解析器未加载（{detail}）。',
    },
  },
  check() {},
});
