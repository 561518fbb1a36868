import manifest from '../../../../package.json' with { type: 'json' }

/** The DVT Bench release (the root package.json): stored with every run, shown by `dvt --version` and `*IDN?`. */
export const DVT_VERSION: string = manifest.version
