import { existsSync, readFileSync } from 'node:fs'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { ConfigError } from './config-error'

/** How a YAML file is named in messages: `missing` when it does not exist, `file` otherwise. */
export interface YamlFileNames {
  missing: string
  file: string
}

/**
 * Reads and parses a YAML file; a missing file or bad YAML is a ConfigError of one sentence built from `names`
 * (`config: the file x.yaml does not exist`, `dut file x.yaml is not valid YAML at line 3: …`).
 */
export function readYamlFile(path: string, names: YamlFileNames): unknown {
  if (!existsSync(path)) throw new ConfigError('CONFIG_FILE_NOT_FOUND', `${names.missing} does not exist`)
  try {
    return parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : ''
    const what = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConfigError('CONFIG_BAD_YAML', `${names.file} is not valid YAML${where}: ${what}`, { cause: error })
  }
}
