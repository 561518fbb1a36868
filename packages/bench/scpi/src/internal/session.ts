import type { CompiledCommand, ScpiCall } from '../define-commands'
import { formatNR3 } from '../format'
import { ScpiExecutionError } from '../scpi-errors'
import type { ScpiInstrument, ScpiSession } from '../scpi-instrument'
import { findChild, type Leaf, type TreeNode } from './command-tree'
import type { BuiltinContext } from './common-commands'
import { findUnitEnd, isSpace, lexElements, type ParamElement, SEMICOLON } from './elements'
import { HeaderScan, MAX_DEPTH, scanHeader } from './header'
import type { InstrumentCore } from './instrument-core'

type Answer = string | undefined

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).then === 'function'
}

function toAnswer(value: unknown): Answer {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return formatNR3(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  return undefined
}

function skipSpace(line: string, pos: number): number {
  let p = pos
  while (p < line.length && isSpace(line.charCodeAt(p))) p++
  return p
}

/** The call object handed to handlers; one per session, reused. */
class SessionCall implements ScpiCall {
  isQuery = false
  slotCount = 0
  readonly values = new Int32Array(MAX_DEPTH)
  constructor(
    readonly instrument: ScpiInstrument,
    private readonly core: InstrumentCore,
  ) {}
  suffix(index = 0): number {
    return index < this.slotCount ? this.values[index]! : 1
  }
  pending(work: Promise<unknown>): void {
    this.core.addPending(work)
  }
}

/**
 * One client's parser: its own header path (SCPI-99 Vol. 1 §6.2.4), the instrument's shared core and context.
 * Lines are executed strictly in order; a line arriving while an asynchronous one runs waits for it.
 */
export class Session implements ScpiSession, BuiltinContext {
  private readonly scan = new HeaderScan()
  private readonly walk: TreeNode[] = new Array(MAX_DEPTH)
  private readonly pathSuffix = new Int32Array(MAX_DEPTH)
  private pathNode: TreeNode
  private pathDepth = 0
  private next = 0
  private out: string | null = null
  private busy: Promise<string | null> | null = null
  private readonly call: SessionCall

  constructor(
    readonly core: InstrumentCore,
    private readonly root: TreeNode,
    private readonly context: unknown,
    instrument: ScpiInstrument,
  ) {
    this.pathNode = root
    this.call = new SessionCall(instrument, core)
  }

  get hasOutput(): boolean {
    return this.out !== null
  }

  handle(line: string): string | null | Promise<string | null> {
    if (this.busy !== null) return this.track(this.busy.then(() => this.start(line)))
    const result = this.start(line)
    return typeof result === 'object' && result !== null ? this.track(result) : result
  }

  inputError(code: number): void {
    this.core.pushError(code)
  }

  close(): void {
    this.pathNode = this.root
    this.pathDepth = 0
  }

  private track(work: Promise<string | null>): Promise<string | null> {
    this.busy = work
    const clear = () => {
      if (this.busy === work) this.busy = null
    }
    work.then(clear, clear)
    return work
  }

  private start(line: string): string | null | Promise<string | null> {
    this.pathNode = this.root
    this.pathDepth = 0
    this.out = null
    return this.drive(line, 0)
  }

  /** Runs units from `pos` until the line ends or a handler goes asynchronous. */
  private drive(line: string, from: number): string | null | Promise<string | null> {
    let pos = from
    for (;;) {
      pos = skipSpace(line, pos)
      if (pos >= line.length) break
      if (line.charCodeAt(pos) === SEMICOLON) {
        this.core.pushError(-102, 'empty message unit')
        pos++
        continue
      }
      const answer = this.safeUnit(line, pos)
      if (isPromise(answer)) {
        const resume = this.next + 1
        return answer.then((a) => {
          this.collect(a)
          return this.drive(line, resume)
        })
      }
      this.collect(answer)
      pos = this.next + 1
    }
    return this.out
  }

  private collect(answer: Answer): void {
    if (answer === undefined) return
    this.out = this.out === null ? answer : this.out + ';' + answer
  }

  private reject(code: number, line: string, pos: number, detail?: string): undefined {
    this.core.pushError(code, detail)
    this.next = findUnitEnd(line, pos)
    return undefined
  }

  /** {@link unit}, with a bug in a parameter type or the engine queued as −300 instead of thrown at the host. */
  private safeUnit(line: string, pos: number): Answer | Promise<Answer> {
    try {
      return this.unit(line, pos)
    } catch (error) {
      this.core.report(error)
      this.next = findUnitEnd(line, pos)
      return undefined
    }
  }

  /** Executes one program message unit starting at `pos`; sets `next` to the `;` (or end) that ends it. */
  private unit(line: string, pos: number): Answer | Promise<Answer> {
    const h = this.scan
    const code = scanHeader(line, pos, h)
    if (code !== 0) return this.reject(code, line, pos)
    const leaf = this.resolve(line)
    if (typeof leaf === 'number') return this.reject(leaf, line, pos)
    const command = leaf.command
    let values: unknown[] | null = null
    const dataStart = skipSpace(line, h.end)
    if (dataStart < line.length && line.charCodeAt(dataStart) !== SEMICOLON) {
      try {
        const lexed = lexElements(line, dataStart)
        this.next = lexed.end
        values = convert(command, lexed.elements)
      } catch (error) {
        if (!(error instanceof ScpiExecutionError)) throw error
        return this.reject(error.code, line, dataStart, error.detail)
      }
    } else {
      this.next = dataStart
      if (command.required > 0) return this.reject(-109, line, dataStart)
    }
    return this.invoke(leaf, values)
  }

  private invoke(leaf: Leaf, values: unknown[] | null): Answer | Promise<Answer> {
    const query = this.scan.query
    this.call.isQuery = query
    this.call.slotCount = leaf.command.suffixSlots
    const ctx = leaf.builtin ? this : this.context
    let result: unknown
    try {
      result = callHandler(leaf.command, ctx, values, this.call)
    } catch (error) {
      this.core.report(error)
      return undefined
    }
    if (isPromise(result)) {
      return result.then(
        (value) => (query ? toAnswer(value) : undefined),
        (error: unknown) => {
          this.core.report(error)
          return undefined
        },
      )
    }
    return query ? toAnswer(result) : undefined
  }

  /** Finds the leaf for the scanned header: relative to the current path first, then from the root. */
  private resolve(line: string): Leaf | number {
    const h = this.scan
    if (h.common) {
      const node = findChild(this.root, line, h, 0)
      const leaf = node && (h.query ? node.query : node.command)
      return leaf?.common ? leaf : -113
    }
    let base = 0
    let leaf: Leaf | undefined
    if (!h.absolute && this.pathDepth > 0 && this.pathDepth + h.count <= MAX_DEPTH) {
      leaf = this.walkFrom(this.pathNode, line, this.pathDepth)
      if (leaf) base = this.pathDepth
    }
    leaf ??= this.walkFrom(this.root, line, 0)
    if (!leaf) return -113
    if (!this.takeSuffixes(leaf, base)) return -114
    this.movePath(base)
    return leaf
  }

  private walkFrom(start: TreeNode, line: string, base: number): Leaf | undefined {
    const h = this.scan
    let node: TreeNode | undefined = start
    for (let i = 0; i < h.count; i++) {
      node = findChild(node, line, h, i)
      if (node === undefined) return undefined
      this.walk[base + i] = node
    }
    return h.query ? node.query : node.command
  }

  /** Checks every suffix against the leaf's declared ranges and fills the handler's suffix slots. */
  private takeSuffixes(leaf: Leaf, base: number): boolean {
    const h = this.scan
    const values = this.call.values
    for (let s = 0; s < leaf.command.suffixSlots; s++) values[s] = 1
    const total = base + h.count
    for (let j = 0; j < total; j++) {
      const given = j < base ? this.pathSuffix[j]! : h.suffix[j - base]!
      const range = leaf.ranges[j]
      if (range === undefined) {
        if (given === 0 || given > 1) return false
        continue
      }
      const value = given < 0 ? 1 : given
      if (value < range.min || value > range.max) return false
      const slot = leaf.slots[j]!
      if (slot >= 0) values[slot] = value
    }
    return true
  }

  private movePath(base: number): void {
    const h = this.scan
    if (h.count === 1) {
      if (base === 0) {
        this.pathNode = this.root
        this.pathDepth = 0
      }
      return
    }
    const depth = base + h.count - 1
    for (let i = 0; i < h.count - 1; i++) this.pathSuffix[base + i] = h.suffix[i]!
    this.pathDepth = depth
    this.pathNode = this.walk[depth - 1]!
  }
}

function convert(command: CompiledCommand, elements: readonly ParamElement[]): unknown[] {
  const params = command.params
  if (elements.length > params.length) {
    throw new ScpiExecutionError(-108, `${elements.length} parameters given, ${params.length} accepted`)
  }
  const values: unknown[] = new Array(params.length)
  for (let i = 0; i < params.length; i++) {
    const element = elements[i]
    if (element !== undefined) values[i] = params[i]!.parse(element)
    else if (i < command.required) throw new ScpiExecutionError(-109)
  }
  return values
}

function callHandler(command: CompiledCommand, ctx: unknown, values: unknown[] | null, call: ScpiCall): unknown {
  const run = command.run
  switch (command.params.length) {
    case 0:
      return run(ctx, call)
    case 1:
      return run(ctx, values?.[0], call)
    case 2:
      return run(ctx, values?.[0], values?.[1], call)
    default:
      return run(ctx, ...(values ?? new Array(command.params.length)), call)
  }
}
