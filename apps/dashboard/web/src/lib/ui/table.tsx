import type { ReactNode } from 'react'

/** A column heading; numeric columns are right-aligned. */
export interface Column {
  label: string
  numeric?: boolean
}

/** A table with one heading row; the rows are the children. */
export function Table(props: { columns: Column[]; testId: string; children: ReactNode }) {
  return (
    <table className="table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.label} className={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  )
}
