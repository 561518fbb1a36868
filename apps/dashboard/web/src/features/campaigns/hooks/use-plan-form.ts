import { useEffect, useState } from 'react'
import { navigate } from '../../../lib/router'
import {
  checkPlan,
  listPlans,
  type PlanCheck,
  type PlanChoice,
  type PlanFileInfo,
  startCampaign,
} from '../api/campaigns'

export type PlanSourceKind = 'file' | 'paste'

/** `lot.size=4` lines (blank lines ignored) → the `set` items of a plan request. */
export function overrideItems(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/**
 * The "New campaign" form: a plan file of plans/ or pasted YAML, overrides, the server's verdict on it (every problem
 * with its line), and starting it — on `bench` of the fleet when given — (then the page of the new campaign opens).
 */
export function usePlanForm(bench?: string) {
  const [plans, setPlans] = useState<PlanFileInfo[]>([])
  const [kind, setKind] = useState<PlanSourceKind>('file')
  const [file, setFile] = useState('')
  const [yaml, setYaml] = useState('')
  const [overrides, setOverrides] = useState('')
  const [check, setCheck] = useState<PlanCheck | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    listPlans().then(
      ({ plans }) => {
        setPlans(plans)
        setFile((f) => f || (plans[0]?.file ?? ''))
      },
      (e: Error) => setError(e.message),
    )
  }, [])

  const choice = (): PlanChoice =>
    kind === 'file' ? { plan: file, set: overrideItems(overrides) } : { yaml, set: overrideItems(overrides) }

  const edited =
    <T>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setCheck(null)
      setError(null)
    }

  const validate = async (): Promise<PlanCheck | null> => {
    setError(null)
    try {
      const result = await checkPlan(choice())
      setCheck(result)
      return result
    } catch (e) {
      setError((e as Error).message)
      return null
    }
  }

  const start = async () => {
    setBusy(true)
    try {
      const result = await validate()
      if (!result?.valid) return
      const { id } = await startCampaign({ ...choice(), ...(bench ? { bench } : {}) })
      navigate(`/campaigns/${id}`)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const chosen = plans.find((p) => p.file === file) ?? null
  return {
    plans,
    chosen,
    kind,
    file,
    yaml,
    overrides,
    check,
    busy,
    error,
    setKind: edited(setKind),
    setFile: edited(setFile),
    setYaml: edited(setYaml),
    setOverrides: edited(setOverrides),
    validate,
    start,
    canStart: !busy && (kind === 'file' ? file !== '' : yaml.trim() !== ''),
  }
}
