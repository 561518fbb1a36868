// `@dvt/transports/testing`: a line device and a raw client for tests of line hosts, a seeded PRNG for random test
// input and fixtures, and a free block of bench ports.
export { freePortBase } from './free-port-base'
export { createSeededRandom, randomBytes } from './seeded-random'
export type { RawClient, TestDevice } from './test-device'
export { createTestDevice, openRawClient, sleep, until } from './test-device'
