import type { FaultHooks } from '@dvt/instruments'
import type { FaultTarget } from '@dvt/protocol'
import type { ScpiTcpServer } from '@dvt/transports'

/** The fault hooks of the control port, plus `poll()` for the host's timer. */
export interface FaultInjector extends FaultHooks {
  /** Ends every disconnect whose simulated end time has passed. */
  poll(): void
  /** Targets refusing connections right now. */
  readonly active: readonly FaultTarget[]
}

/**
 * `SIM:FAULT:DISC <target>,<s>`: drops the target's clients and refuses new ones until simulated time `now()` has
 * advanced by s. Simulated, not wall, time: in `max` mode the fault lasts until a client waits past it.
 */
export function createFaultInjector(
  servers: Readonly<Record<FaultTarget, ScpiTcpServer>>,
  now: () => number,
): FaultInjector {
  const until = new Map<FaultTarget, number>()
  const end = (target: FaultTarget) => {
    until.delete(target)
    servers[target].setRefusing(false)
  }
  return {
    disconnect(target, seconds) {
      const server = servers[target]
      server.setRefusing(true)
      server.dropClients()
      until.set(target, now() + seconds)
    },
    clear() {
      for (const target of [...until.keys()]) end(target)
    },
    poll() {
      if (until.size === 0) return
      const t = now()
      for (const [target, deadline] of until) if (t >= deadline - 1e-9) end(target)
    },
    get active() {
      return [...until.keys()]
    },
  }
}
