import type { StorageBackend } from '../../storage-backend'

export interface StoreSettings {
  /** The host name the store goes by (two names: two hosts). */
  hostName?: string
  lockLeaseMs?: number
}

/** One store of the backend under test, in a place of its own. */
export interface ContractStore {
  readonly storage: StorageBackend
  readonly measurementsDir: string
  /** What a child process passes to `openStorageBackend` to open this same store (JSON-serialisable). */
  readonly openOptions: Record<string, unknown>
  /** Another connection to the same store (another process or host, as far as the store can tell). */
  reopen(settings?: StoreSettings): Promise<StorageBackend>
  cleanup(): Promise<void>
}

/** A backend the contract runs on: its name (shown in every test's name) and how to make an empty store. */
export interface ContractBackend {
  readonly name: string
  open(settings?: StoreSettings): Promise<ContractStore>
}

export interface ContractSection {
  readonly name: string
  define(backend: ContractBackend): void
}

/** A fresh store for each test of a section. */
export function storePerTest(
  backend: ContractBackend,
  hooks: { beforeEach: (fn: () => Promise<void>) => void; afterEach: (fn: () => Promise<void>) => void },
): () => ContractStore {
  let store: ContractStore | undefined
  hooks.beforeEach(async () => {
    store = await backend.open()
  })
  hooks.afterEach(async () => {
    await store?.cleanup()
    store = undefined
  })
  return () => {
    if (!store) throw new Error('the store of this test is not open')
    return store
  }
}
