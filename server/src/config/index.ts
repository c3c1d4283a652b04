/**
 * The `.elb-lint.yaml` configuration file: discovery, validation and resolution. Pure functions
 * over the file system, shared by the CLI and the language server (no output of its own).
 */
export {
  loadConfigFor,
  loadConfigFile,
  findConfigFile,
  resolveChain,
  relativeTo,
  clearConfigCache,
  ConfigCache,
  ConfigError,
  type ResolvedConfig,
  type LoadedConfig,
  type LoadConfigOptions,
} from './load';
export {
  validateConfig,
  CONFIG_FILE_NAMES,
  SEVERITY_SETTINGS,
  type ConfigData,
  type ConfigOverride,
  type ConfigProblem,
  type ConfigValidation,
} from './validate';
export { CONFIG_MESSAGES } from './messages';
