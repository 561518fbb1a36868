import { describeStorageContract } from './testing/contract'
import { sqliteBackend } from './testing/contract/backends'

describeStorageContract(sqliteBackend)
