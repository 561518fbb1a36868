/** "Download PDF", "Rendering…" while the server renders it. */
export function PdfButton(props: { busy: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" className="btn btn-primary" onClick={props.onClick} disabled={props.busy || props.disabled}>
      {props.busy ? 'Rendering…' : 'Download PDF'}
    </button>
  )
}
