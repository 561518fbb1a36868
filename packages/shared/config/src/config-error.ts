import { CodedError } from '@dvt/protocol'

export type ConfigErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_FILE_NOT_FOUND'
  | 'CONFIG_BAD_YAML'
  | 'CONFIG_UNKNOWN_KEY'
  | 'CONFIG_BAD_DUT_FILE'

/** A configuration problem, explained in one sentence that names the key, the value and what is allowed. */
export class ConfigError extends CodedError<ConfigErrorCode> {
  override readonly name = 'ConfigError'
}
