import manifest from '../../../package.json' with { type: 'json' }

/** The DVT Bench release, from the root package.json. */
export const version: string = manifest.version
