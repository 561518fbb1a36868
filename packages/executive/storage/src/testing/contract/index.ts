import { describe } from 'vitest'
import { campaignsSection } from './campaigns'
import { concurrencySection } from './concurrency'
import type { ContractBackend, ContractSection } from './contract-store'
import { feedSection } from './feed'
import { listingSection } from './listing'
import { locksSection } from './locks'
import { measurementsSection } from './measurements'
import { recoverySection } from './recovery'
import { runsSection } from './runs'

export type { ContractBackend, ContractSection, ContractStore, StoreSettings } from './contract-store'

/**
 * What every StorageBackend must do, section by section. A new part of the contract (campaigns, with issue 11) is one
 * more section in this list, and runs on every backend.
 */
export const CONTRACT_SECTIONS: readonly ContractSection[] = [
  runsSection,
  measurementsSection,
  listingSection,
  locksSection,
  recoverySection,
  concurrencySection,
  feedSection,
  campaignsSection,
]

/** Declares the whole contract for one backend: `storage contract on <name> > <section> > …`. */
export function describeStorageContract(backend: ContractBackend): void {
  describe(`storage contract on ${backend.name}`, () => {
    for (const section of CONTRACT_SECTIONS) describe(section.name, () => section.define(backend))
  })
}
