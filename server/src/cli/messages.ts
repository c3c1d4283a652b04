import { format, type Data } from '../engine/rules/rule';
import type { Locale, Severity } from '../engine/types';

/** The CLI's own strings (findings come localised from the engine). */
const MESSAGES: Record<Locale, Record<string, string>> = {
  en: {
    help: `Usage: elb-lint [options] [file|dir|glob ...]

Lints Huawei Cloud Elastic Load Balance configurations (*.elb.yaml, *.elb.yml,
*.elb.json). Directories are searched recursively; with no argument, the current
directory is linted.

Output:
  -f, --format FORMAT           Output format: text (default), json, sarif (GitHub code
                                scanning), junit (JUnit XML for CI dashboards) or gitlab
                                (GitLab Code Quality)
  -o, --output-file FILE        Write the report to FILE instead of stdout
      --color, --no-color       Force or disable colours (default: when stdout is a
                                terminal and NO_COLOR is not set)
      --quiet                   Report errors only
      --timing                  Print the time each rule took, slowest first (stderr)
      --max-warnings N          Exit with code 1 when there are more than N warnings
      --locale en|zh-cn         Language of the messages (default: from LC_ALL,
                                LC_MESSAGES or LANG)

Fixing:
      --fix                     Apply the fixes to the files
      --fix-dry-run             Show the fixes as a unified diff without writing

Configuration:
  -c, --config FILE             Use this configuration file and look up no other
      --no-config-lookup        Do not look up .elb-lint.yaml files
      --rule ID:SEVERITY        Set a rule's severity: off, info, warning or error
                                (repeatable, e.g. --rule ELB101:warning)
      --no-ignore               Also lint files matched by ignorePatterns
      --print-config FILE       Print the configuration that applies to FILE and exit
      --max-file-size MB        Do not lint files larger than MB megabytes (default: 8)

Adopting on an existing project:
      --init                    Write a commented .elb-lint.yaml in the current folder
                                (--force: replace an existing one) and exit
      --baseline-write FILE     Record the findings of this run in FILE (and exit 0
                                for them); later runs pass it to --baseline
      --baseline FILE           Report only findings that are not in FILE (a finding
                                keeps its identity when lines move)

Other:
  -h, --help                    Show this help and exit
  -v, --version                 Print the version and exit

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage, configuration
or I/O error.
`,
    seeHelp: "Run 'elb-lint --help' for usage.",
    unknownOption: "unknown option '{option}'",
    missingValue: "option '{option}' needs a value",
    takesNoValue: "option '{option}' does not take a value",
    badArgs: 'invalid arguments: {detail}',
    badFormat: "invalid --format '{value}': use text, json, sarif, junit or gitlab",
    forceWithoutInit: '--force only goes with --init',
    initWritten: 'wrote {path}',
    initExists: '{path} already exists: use --init --force to replace it',
    baselineUnreadable: 'cannot read the baseline {path}: {error}',
    baselineInvalid: '{path} is not an elb-lint baseline: {error}',
    baselineJustification: 'in the baseline {path}',
    baselineWritten: 'recorded {count} findings in the baseline {path}',
    baselineHidden: '{count} findings in the baseline {path} are not reported',
    baselineStale: '{count} findings of the baseline {path} no longer occur: rewrite it with --baseline-write',
    badLocale: "invalid --locale '{value}': use en or zh-cn",
    badRule: "invalid --rule '{value}': use ID:SEVERITY with SEVERITY one of off, info, warning, error (e.g. ELB101:warning)",
    unknownRule: "unknown rule '{rule}' in --rule{hint}",
    didYouMean: " (did you mean '{name}'?)",
    badNumber: "invalid {option} '{value}': expected a number of at least {min}",
    fixConflict: '--fix and --fix-dry-run cannot be used together',
    noSuchPath: 'no such file or directory: {path}',
    noFilesInDir: 'no ELB configuration files (*.elb.yaml, *.elb.yml, *.elb.json) found in {dir}',
    noFilesMatching: "no files matching the pattern '{pattern}'",
    allIgnored: "all files matched by '{pattern}' are ignored",
    cannotRead: 'cannot read {path}: {error}',
    cannotWrite: 'cannot write {path}: {error}',
    tooManyWarnings: 'elb-lint found too many warnings (maximum: {max}).',
    fileIgnored: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to override.',
    notFixed: 'fixes for {path} were not written: they would add syntax errors',
    internalError: 'internal error: {error}',
    error: 'error',
    warning: 'warning',
    info: 'info',
  },
  'zh-cn': {
    help: `用法：elb-lint [选项] [文件|目录|glob ...]

检查华为云弹性负载均衡配置（*.elb.yaml、*.elb.yml、*.elb.json）。目录会被递归搜索；
不带参数时检查当前目录。

输出：
  -f, --format FORMAT           输出格式：text（默认）、json、sarif（GitHub 代码扫描）、
                                junit（供 CI 面板使用的 JUnit XML）或 gitlab（GitLab
                                代码质量报告）
  -o, --output-file FILE        将报告写入 FILE，而不是标准输出
      --color, --no-color       强制启用或禁用颜色（默认：标准输出为终端且未设置
                                NO_COLOR 时启用）
      --quiet                   只报告错误
      --timing                  按耗时从高到低输出每条规则的用时（stderr）
      --max-warnings N          警告超过 N 个时以退出码 1 结束
      --locale en|zh-cn         消息语言（默认：取自 LC_ALL、LC_MESSAGES 或 LANG）

修复：
      --fix                     将修复写入文件
      --fix-dry-run             以统一 diff 格式显示修复，不写入文件

配置：
  -c, --config FILE             使用此配置文件，不再查找其他配置文件
      --no-config-lookup        不查找 .elb-lint.yaml 配置文件
      --rule ID:SEVERITY        设置规则的严重级别：off、info、warning 或 error
                                （可重复，例如 --rule ELB101:warning）
      --no-ignore               同时检查被 ignorePatterns 忽略的文件
      --print-config FILE       打印适用于 FILE 的配置并退出
      --max-file-size MB        不检查大于 MB 兆字节的文件（默认：8）

在已有项目中引入：
      --init                    在当前目录生成带注释的 .elb-lint.yaml 并退出
                                （--force：覆盖已有文件）
      --baseline-write FILE     将本次发现的问题记录到 FILE（本次因这些问题的退出码
                                为 0）；之后的运行用 --baseline 引用它
      --baseline FILE           只报告 FILE 中没有记录的问题（行号变化不影响识别）

其他：
  -h, --help                    显示本帮助并退出
  -v, --version                 打印版本号并退出

退出码：0 无错误；1 有错误或警告过多；2 用法、配置或读写错误。
`,
    seeHelp: "运行 'elb-lint --help' 查看用法。",
    unknownOption: "未知选项 '{option}'",
    missingValue: "选项 '{option}' 需要一个值",
    takesNoValue: "选项 '{option}' 不接受值",
    badArgs: '参数无效：{detail}',
    badFormat: "--format 的值 '{value}' 无效：请使用 text、json、sarif、junit 或 gitlab",
    forceWithoutInit: '--force 只能与 --init 一起使用',
    initWritten: '已写入 {path}',
    initExists: '{path} 已存在：使用 --init --force 覆盖',
    baselineUnreadable: '无法读取基线文件 {path}：{error}',
    baselineInvalid: '{path} 不是 elb-lint 基线文件：{error}',
    baselineJustification: '已记录在基线文件 {path} 中',
    baselineWritten: '已将 {count} 个问题记录到基线文件 {path}',
    baselineHidden: '基线文件 {path} 中的 {count} 个问题未报告',
    baselineStale: '基线文件 {path} 中有 {count} 个问题已不再出现：请用 --baseline-write 重新生成',
    badLocale: "--locale 的值 '{value}' 无效：请使用 en 或 zh-cn",
    badRule: "--rule 的值 '{value}' 无效：请使用 ID:SEVERITY，SEVERITY 为 off、info、warning 或 error（例如 ELB101:warning）",
    unknownRule: "--rule 中的规则 '{rule}' 不存在{hint}",
    didYouMean: "（是否想写 '{name}'？）",
    badNumber: "{option} 的值 '{value}' 无效：应为不小于 {min} 的数字",
    fixConflict: '--fix 和 --fix-dry-run 不能同时使用',
    noSuchPath: '文件或目录不存在：{path}',
    noFilesInDir: '在 {dir} 中未找到 ELB 配置文件（*.elb.yaml、*.elb.yml、*.elb.json）',
    noFilesMatching: "没有与模式 '{pattern}' 匹配的文件",
    allIgnored: "与 '{pattern}' 匹配的文件全部被忽略",
    cannotRead: '无法读取 {path}：{error}',
    cannotWrite: '无法写入 {path}：{error}',
    tooManyWarnings: 'elb-lint 发现的警告过多（上限：{max}）。',
    fileIgnored: '文件与忽略模式匹配，已被忽略。使用 "--no-ignore" 可强制检查。',
    notFixed: '未写入 {path} 的修复：修复后会产生语法错误',
    internalError: '内部错误：{error}',
    error: '错误',
    warning: '警告',
    info: '提示',
  },
};

export function t(locale: Locale, id: string, data?: Data): string {
  return format(MESSAGES[locale][id] ?? MESSAGES.en[id] ?? id, data);
}

export function severityWord(locale: Locale, s: Severity): string {
  return t(locale, s);
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `✖ 3 problems (2 errors, 1 warning, 0 infos)` without the mark. */
export function summaryLine(locale: Locale, x: Totals): string {
  const total = x.errors + x.warnings + x.infos;
  if (locale === 'zh-cn') return `${total} 个问题（${x.errors} 个错误，${x.warnings} 个警告，${x.infos} 个提示）`;
  return `${plural(total, 'problem', 'problems')} (${plural(x.errors, 'error', 'errors')}, ${plural(x.warnings, 'warning', 'warnings')}, ${plural(x.infos, 'info', 'infos')})`;
}

export function fixableLine(locale: Locale, n: number): string {
  if (locale === 'zh-cn') return `${n} 个问题可用 --fix 自动修复`;
  return n === 1 ? '1 problem is fixable with --fix' : `${n} problems are fixable with --fix`;
}
