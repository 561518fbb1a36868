import type { FastifyInstance, FastifyPluginAsync } from 'fastify'

export interface PluginMeta {
  name: string
  /** Plugins (by name) that must be registered first: Fastify checks this at start-up. */
  dependencies?: string[]
}

/**
 * Marks a plugin as non-encapsulated (its decorators and hooks are visible to its parent) and names its
 * dependencies — what `fastify-plugin` does, through the same symbols Fastify reads.
 */
export function definePlugin<T extends Record<string, unknown>>(
  plugin: (app: FastifyInstance, options: T) => Promise<void>,
  meta: PluginMeta,
): FastifyPluginAsync<T> {
  const marked = plugin as FastifyPluginAsync<T> & Record<symbol, unknown>
  marked[Symbol.for('skip-override')] = true
  marked[Symbol.for('fastify.display-name')] = meta.name
  marked[Symbol.for('plugin-meta')] = { name: meta.name, dependencies: meta.dependencies ?? [] }
  return marked
}

/** Closes a resource a plugin opened when the app closes; returns the resource (to decorate the app with). */
export function closeWithApp<R extends { close(): unknown }>(app: FastifyInstance, resource: R): R {
  app.addHook('onClose', async () => {
    await resource.close()
  })
  return resource
}
