import { createTestRegistry, defineTest } from '@dvt/framework'
import { z } from 'zod'

/** Small tests for the API tests (the real library is exercised end to end in test/e2e). */
export const testRegistry = createTestRegistry([
  defineTest({
    name: 'sweep',
    description: 'Sweeps a few points.',
    parameters: z.object({
      points: z.array(z.number().min(-75).max(200)).min(1).default([-40, 25, 85]),
      averages: z.number().int().min(1).max(100).default(10),
      mode: z.enum(['fast', 'slow']).default('fast'),
      noise: z.boolean().default(true),
    }),
    measurements: [{ name: 'slope', unit: 'ppm/°C', description: 'slope', limits: { lower: -100, upper: 100 } }],
    run: (ctx) => {
      ctx.measure('slope', 1)
    },
  }),
])
