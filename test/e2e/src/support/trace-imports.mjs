// Preloaded with `node --import`: reports every module the process resolves on stderr ("resolved <url>").
import { register } from 'node:module'

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context)
      process.stderr.write('resolved ' + result.url + '\\n')
      return result
    }
  `)}`,
)
