// `@dvt/transports/testing`: a line device and a raw client for tests of line hosts, and a seeded PRNG for
// random test input and fixtures.
export { createSeededRandom, randomBytes } from './seeded-random'
export type { RawClient, TestDevice } from './test-device'
export { createTestDevice, openRawClient, sleep, until } from './test-device'
