import { CodedError } from '@dvt/protocol'

/** What went wrong in a physics call; instruments map `PHYSICS_OUT_OF_RANGE` to SCPI −222. */
export type PhysicsErrorCode = 'PHYSICS_OUT_OF_RANGE' | 'PHYSICS_UNKNOWN_PARAMETER' | 'PHYSICS_INVALID_ARGUMENT'

/** The one error class of `@dvt/physics`. When it is thrown, the model has not changed. */
export class PhysicsError extends CodedError<PhysicsErrorCode> {
  override readonly name = 'PhysicsError'
}
