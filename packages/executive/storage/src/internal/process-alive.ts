import { hostname } from 'node:os'

/** True when `pid` names a live process on this host (signal 0 probes without sending anything). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** True when the owner (pid on host) is a live process; owners on other hosts cannot be checked and count as alive. */
export function isOwnerAlive(pid: number | null, host: string | null): boolean {
  if (pid === null) return false
  if (host !== null && host !== hostname()) return true
  return isProcessAlive(pid)
}
