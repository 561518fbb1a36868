// parquetjs-lite ships no types; only what the baseline writer uses.
declare module 'parquetjs-lite' {
  interface FieldDefinition {
    type: string
    optional?: boolean
    compression?: string
  }
  class ParquetSchema {
    constructor(fields: Record<string, FieldDefinition>)
  }
  class ParquetWriter {
    static openFile(schema: ParquetSchema, path: string): Promise<ParquetWriter>
    appendRow(row: Record<string, unknown>): Promise<void>
    close(): Promise<void>
  }
  const parquet: { ParquetSchema: typeof ParquetSchema; ParquetWriter: typeof ParquetWriter }
  export default parquet
}
