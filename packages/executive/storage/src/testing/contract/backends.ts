import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BackendOptions, openStorageBackend } from '../../open-storage'
import type { StorageBackend } from '../../storage-backend'
import type { PgCluster } from '../pg-cluster'
import type { ContractBackend, ContractStore, StoreSettings } from './contract-store'

/** A store in a fresh temp dir with `options`; every connection opened is closed by cleanup. */
async function openStore(dir: string, options: BackendOptions): Promise<ContractStore> {
  const opened: StorageBackend[] = []
  const reopen = async (settings: StoreSettings = {}) => {
    const storage = await openStorageBackend({ ...options, ...settings })
    opened.push(storage)
    return storage
  }
  const storage = await reopen()
  return {
    storage,
    measurementsDir: options.measurementsDir,
    openOptions: { ...options },
    reopen,
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dvt-contract-'))
}

/** The embedded backend: a SQLite file per store. */
export const sqliteBackend: ContractBackend = {
  name: 'SQLite',
  async open(settings = {}) {
    const dir = tempDir()
    return openStore(dir, {
      databasePath: join(dir, 'db', 'dvt.db'),
      measurementsDir: join(dir, 'measurements'),
      ...settings,
    })
  },
}

let databases = 0

/** The lab backend: a new database of a throw-away PostgreSQL cluster per store. */
export function postgresBackend(cluster: () => PgCluster): ContractBackend {
  return {
    name: 'PostgreSQL',
    async open(settings = {}) {
      const dir = tempDir()
      const databaseUrl = await cluster().createDatabase(`contract_${process.pid}_${++databases}`)
      return openStore(dir, {
        databaseUrl,
        databasePath: join(dir, 'db', 'unused.db'),
        spoolDir: join(dir, 'spool'),
        measurementsDir: join(dir, 'measurements'),
        ...settings,
      })
    },
  }
}
