export type { Transport } from './transport'
