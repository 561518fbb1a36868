import type { KeyboardEvent, MouseEvent } from 'react'
import { navigate } from '../router'

/**
 * Props that make a whole table row open `path`: a click anywhere on it (ctrl/meta-click opens a tab), and
 * Enter on the focused row. The row is one tab stop; the link inside it (the ID) stays for screen readers and "open
 * in new tab", without a second tab stop.
 */
export function rowLink(path: string, label: string) {
  return {
    className: 'row-link',
    tabIndex: 0,
    'aria-label': label,
    'data-href': path,
    onClick: (e: MouseEvent<HTMLTableRowElement>) => {
      if ((e.target as Element).closest('a, button, input, select, textarea')) return
      if (e.metaKey || e.ctrlKey) window.open(path, '_blank', 'noopener')
      else navigate(path)
    },
    onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => {
      if (e.key !== 'Enter' || e.target !== e.currentTarget) return
      e.preventDefault()
      navigate(path)
    },
  }
}
