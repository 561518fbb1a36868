// `pnpm plan-schema`: writes plans/plan.schema.json from the plan's zod schema (a test checks it is current).
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PLAN_SCHEMA_FILE, planJsonSchemaText } from './plan-json-schema'

const root = resolve(import.meta.dirname, '../../../..')
writeFileSync(join(root, PLAN_SCHEMA_FILE), planJsonSchemaText())
console.log(`wrote ${PLAN_SCHEMA_FILE}`)
