export type {
  BenchLock,
  CompletedRun,
  EventLevel,
  EventRecord,
  MeasurementRow,
  NewRun,
  ResultRecord,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  StorageBackend,
} from './types'
