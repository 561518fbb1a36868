import { afterAll, beforeAll } from 'vitest'
import { describeStorageContract } from './testing/contract'
import { postgresBackend } from './testing/contract/backends'
import { type PgCluster, startPgCluster } from './testing/pg-cluster'

// A real, private PostgreSQL server (Debian's postgresql package): started here, removed afterwards.
let cluster: PgCluster | undefined
beforeAll(async () => {
  cluster = await startPgCluster()
})
afterAll(() => cluster?.destroy())

describeStorageContract(
  postgresBackend(() => {
    if (!cluster) throw new Error('the PostgreSQL cluster did not start')
    return cluster
  }),
)
