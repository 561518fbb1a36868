export { createProgram } from './program'
export { version } from './version'
